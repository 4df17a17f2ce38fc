using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.Protocol;
using Synclets.Tests.Support;
using Synclets.Transports;
using Synclets.Transports.Memory;
using Synclets.Wire;

namespace Synclets.Tests.Engine;

/// <summary>
/// A peer set up differently (the other wire format, another depth, another protocol version) is
/// named as such on both sides, once per peer, through an event that needs no logger, a counter and
/// one warning; its messages are still dropped.
/// </summary>
public sealed class PeerMismatchTests
{
    [Fact]
    public async Task A_JSON_peer_and_a_MessagePack_peer_each_name_the_others_format_once()
    {
        var pool = Guid.NewGuid().ToString("N");
        await using var json = await Watched.StartAsync("json-peer", 2, new MemoryTransport(pool, new TransportOptions { WireFormat = WireFormat.Json }));
        await using var pack = await Watched.StartAsync("pack-peer", 2, new MemoryTransport(pool, new TransportOptions { WireFormat = WireFormat.MessagePack }));

        await json.Synclet.SetAtomAsync(new Address("t", "a"), 1);
        await pack.Synclet.SetAtomAsync(new Address("t", "b"), 2);
        await json.Synclet.SyncAsync();
        await pack.Synclet.SyncAsync();
        await Eventually.UntilAsync(() => Task.FromResult(json.Events.Count == 1 && pack.Events.Count == 1), "both sides report the other");
        await json.Synclet.SyncAsync();   // more packets from a peer already named: no new report
        await pack.Synclet.SyncAsync();
        await json.Synclet.WhenReceivedProcessedAsync();
        await pack.Synclet.WhenReceivedProcessedAsync();

        var atJson = Assert.Single(json.Events);
        Assert.Equal(("pack-peer", PeerMismatchKind.WireFormat, "MessagePack", "JSON"), (atJson.Peer, atJson.Kind, atJson.Theirs, atJson.Ours));
        Assert.Equal("Peer 'pack-peer' speaks MessagePack; this transport speaks JSON. Nothing from it can be read: give every peer the same TransportOptions.WireFormat.", atJson.Message);
        var atPack = Assert.Single(pack.Events);
        Assert.Equal(("json-peer", PeerMismatchKind.WireFormat, "JSON", "MessagePack"), (atPack.Peer, atPack.Kind, atPack.Theirs, atPack.Ours));
        Assert.Equal(1, json.Synclet.Statistics.PeerMismatches);
        Assert.Equal(1, pack.Synclet.Statistics.PeerMismatches);
        Assert.Null(await json.Synclet.GetAtomAsync(new Address("t", "b")));   // still nothing crosses
    }

    [Fact]
    public async Task The_side_that_was_there_first_learns_it_at_once_not_at_its_next_periodic_sync()
    {
        var pool = Guid.NewGuid().ToString("N");
        var quiet = new SyncletOptions { SyncInterval = Timeout.InfiniteTimeSpan };
        await using var first = await Watched.StartAsync("first", 2, new MemoryTransport(pool, new TransportOptions { WireFormat = WireFormat.Json }), options: quiet);
        await using var second = await Watched.StartAsync("second", 3, new MemoryTransport(pool), options: quiet);

        // "first" sent its summary before "second" joined and sends nothing more by itself; the
        // summary "second" sent on starting is answered with one of first's own, so both find out.
        await Eventually.UntilAsync(() => Task.FromResult(first.Events.Count == 1 && second.Events.Count == 1), "both sides report the other");
        Assert.Equal(PeerMismatchKind.WireFormat, Assert.Single(second.Events).Kind);
        Assert.Equal("first", Assert.Single(second.Events).Peer);
    }

    [Fact]
    public async Task Peers_of_depth_2_and_3_each_name_the_others_depth_once_and_log_it_once()
    {
        var pool = Guid.NewGuid().ToString("N");
        var log = new CountingLogger();
        await using var shallow = await Watched.StartAsync("shallow", 2, new MemoryTransport(pool), log);
        await using var deep = await Watched.StartAsync("deep", 3, new MemoryTransport(pool));

        for (var round = 0; round < 3; round++)
        {
            await shallow.Synclet.SetAtomAsync(new Address("t", $"r{round}"), round);
            await deep.Synclet.SetAtomAsync(new Address("t", "r", $"c{round}"), round);
        }

        await Eventually.UntilAsync(() => Task.FromResult(shallow.Events.Count == 1 && deep.Events.Count == 1), "both sides report the other");
        await shallow.Synclet.WhenReceivedProcessedAsync();
        await deep.Synclet.WhenReceivedProcessedAsync();

        var atShallow = Assert.Single(shallow.Events);
        Assert.Equal(("deep", PeerMismatchKind.Depth, "3", "2"), (atShallow.Peer, atShallow.Kind, atShallow.Theirs, atShallow.Ours));
        Assert.Contains("Peer 'deep' has depth 3; this synclet has depth 2.", atShallow.Message);
        var atDeep = Assert.Single(deep.Events);
        Assert.Equal(("shallow", PeerMismatchKind.Depth, "2", "3"), (atDeep.Peer, atDeep.Kind, atDeep.Theirs, atDeep.Ours));
        Assert.Single(log.Warnings, line => line.Contains("has depth 3; this synclet has depth 2"));
        Assert.True(shallow.Synclet.Statistics.MessagesRejected >= 3);   // every message of the other depth is still refused
    }

    [Fact]
    public async Task Another_protocol_version_is_named_as_such()
    {
        var transport = new RawTransport();
        await using var watched = await Watched.StartAsync("victim", 2, transport);

        transport.InjectMessage("future", new Message(2, Address.Root, new HashNode(1), MessageContext.Empty) { Version = 2 });
        await watched.Synclet.WhenReceivedProcessedAsync();

        await Eventually.UntilAsync(() => Task.FromResult(watched.Events.Count == 1), "the version is reported");
        var mismatch = Assert.Single(watched.Events);
        Assert.Equal(("future", PeerMismatchKind.ProtocolVersion, "2", "1"), (mismatch.Peer, mismatch.Kind, mismatch.Theirs, mismatch.Ours));
        Assert.Equal(1, watched.Synclet.Statistics.MessagesRejected);
    }

    [Fact]
    public async Task Garbage_is_not_taken_for_the_other_format()
    {
        var transport = new RawTransport(new TransportOptions { WireFormat = WireFormat.Json });
        await using var watched = await Watched.StartAsync("victim", 2, transport);

        transport.Inject([0x95, 0xA1, (byte)'x', 0xC0, 0x00]);   // a MessagePack array, not a packet
        transport.Inject("not a packet at all"u8.ToArray());
        await watched.Synclet.WhenReceivedProcessedAsync();

        Assert.Equal(2, transport.Statistics.PacketsDropped);
        Assert.Empty(watched.Events);
        Assert.Equal(0, watched.Synclet.Statistics.PeerMismatches);
    }

    [Fact]
    public async Task Reports_stop_at_a_bound_however_many_peer_ids_a_sender_invents()
    {
        var transport = new RawTransport();
        await using var watched = await Watched.StartAsync("victim", 2, transport);

        for (var peer = 0; peer < 1_100; peer++)
        {
            transport.InjectMessage($"p{peer}", new Message(3, Address.Root, new HashNode(1), MessageContext.Empty));
        }

        await watched.Synclet.WhenReceivedProcessedAsync();
        await Eventually.UntilAsync(() => Task.FromResult(watched.Events.Count == 1_024), "the first 1,024 peers are reported");
        await watched.Synclet.SyncAsync();   // a queued operation after the reports: they have all run
        Assert.Equal(1_024, watched.Events.Count);
        Assert.Equal(1_024, watched.Synclet.Statistics.PeerMismatches);
        Assert.Equal(1_100, watched.Synclet.Statistics.MessagesRejected);
    }

    /// <summary>A started memory synclet and the mismatches it reported.</summary>
    private sealed class Watched : IAsyncDisposable
    {
        private readonly List<PeerMismatchEventArgs> _events = [];

        private Watched(Synclet synclet)
        {
            Synclet = synclet;
            synclet.PeerMismatch += (_, mismatch) =>
            {
                lock (_events)
                {
                    _events.Add(mismatch);
                }
            };
        }

        public Synclet Synclet { get; }

        public IReadOnlyList<PeerMismatchEventArgs> Events
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }

        public static async Task<Watched> StartAsync(string id, int depth, Transport transport, CountingLogger? log = null, SyncletOptions? options = null)
        {
            var synclet = await Synclet.CreateAsync(
                new SyncletComponents(new MemoryDataConnector(depth), new MemoryMetaConnector(depth), transport),
                options: (options ?? new SyncletOptions()) with { Id = id, Logger = log });
            var watched = new Watched(synclet);
            await synclet.StartAsync();
            return watched;
        }

        public ValueTask DisposeAsync() => Synclet.DisposeAsync();
    }
}
