using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Synclets.Conformance.Support;
using Synclets.Connectors;
using Synclets.Connectors.Memory;
using Synclets.Protocol;
using Synclets.Tests.Support;
using Synclets.Transports;
using Synclets.Transports.Memory;

namespace Synclets.Tests.Engine;

/// <summary>Failures of stores, transports, hooks and clocks leave every synclet consistent and usable.</summary>
public class ResilienceTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000);
    private readonly string _pool = Guid.NewGuid().ToString("N");

    private Task<Synclet> CreateAsync(string id, SyncletHooks? hooks = null, TimeProvider? time = null, DataConnector? data = null, MetaConnector? meta = null, params Transport[] transports) =>
        Synclet.CreateAsync(
            new SyncletComponents(data ?? new MemoryDataConnector(2), meta ?? new MemoryMetaConnector(2), transports.Length > 0 ? transports : [new MemoryTransport(_pool)]),
            hooks,
            new SyncletOptions { Id = id, TimeProvider = time });

    [Fact]
    public async Task A_live_write_that_peers_may_not_read_is_not_pushed_to_them()
    {
        await using var owner = await CreateAsync("owner", new SyncletHooks { CanReadAtom = (address, _, _) => ValueTask.FromResult(address[0] != "private") });
        await using var peer = await CreateAsync("peer");
        await Task.WhenAll(owner.StartAsync(), peer.StartAsync());

        await owner.SetAtomAsync(new Address("private", "diary"), "secret");
        await owner.SetAtomAsync(new Address("public", "note"), "hi");
        await Eventually.UntilAsync(async () => await peer.GetAtomAsync(new Address("public", "note")) == "hi", "the public atom arrives");
        Assert.Null(await peer.GetAtomAsync(new Address("private", "diary")));
    }

    [Fact]
    public async Task After_a_restart_local_writes_sort_after_what_the_store_holds()
    {
        var slow = new FakeTimeProvider(Start);
        var fast = new FakeTimeProvider(Start.AddMinutes(3));
        var (data, meta) = (new MemoryDataConnector(2), new MemoryMetaConnector(2));
        var a = await CreateAsync("a", time: slow, data: data, meta: meta);
        await using var b = await CreateAsync("b", time: fast);
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        var x = new Address("t", "x");
        await b.SetAtomAsync(x, "from b");
        await Eventually.UntilAsync(async () => await a.GetAtomAsync(x) == "from b", "a holds b's value");
        Assert.True((await a.GetMetaAsync()).TryGetLeaf(x, out var before));

        await a.DisposeAsync();
        slow.Advance(TimeSpan.FromMinutes(1));
        await using var restarted = await CreateAsync("a", time: slow, data: data, meta: meta);
        await restarted.SetAtomAsync(x, "from a, later");
        Assert.True((await restarted.GetMetaAsync()).TryGetLeaf(x, out var after));
        Assert.True(string.CompareOrdinal(after, before) > 0, $"{after} should sort after {before}");
    }

    [Fact]
    public async Task A_failed_start_releases_what_it_connected()
    {
        var synclet = await CreateAsync("dup", transports: [new MemoryTransport(_pool), new FailingTransport()]);
        await Assert.ThrowsAsync<IOException>(() => synclet.StartAsync());
        Assert.False(synclet.IsStarted);
        await synclet.DisposeAsync();

        await using var again = await CreateAsync("dup");
        await again.StartAsync();
        Assert.True(again.IsStarted);
    }

    [Fact]
    public async Task A_failing_OnStop_hook_still_disconnects_and_detaches()
    {
        var data = new MemoryDataConnector(2);
        var synclet = await CreateAsync("s", new SyncletHooks { OnStop = _ => throw new InvalidOperationException("hook bug") }, data: data);
        await synclet.StartAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await synclet.DisposeAsync());
        Assert.False(data.IsAttached);
        Assert.False(synclet.Transports[0].IsConnected);
    }

    [Fact]
    public async Task A_failing_reply_does_not_swallow_events_of_stored_changes()
    {
        var transport = new FailingSendTransport();
        var events = new ConcurrentQueue<AtomChangedEventArgs>();
        await using var synclet = await CreateAsync("victim", transports: transport);
        synclet.AtomChanged += (_, change) => events.Enqueue(change);
        await synclet.SetAtomAsync(new Address("t", "mine"), 1);
        await synclet.StartAsync();

        transport.InjectMessage("peer", new Message(2, Address.Root, new SubNodesNode(new Dictionary<string, MessageNode>
        {
            ["t"] = new SubNodesNode(new Dictionary<string, MessageNode> { ["a"] = new TimestampAndAtomNode("OhqqeV-----BT7zq", "x") }),
        }), MessageContext.Empty));

        await synclet.WhenReceivedProcessedAsync();
        Assert.Equal("x", (await synclet.GetAtomAsync(new Address("t", "a")))!.Value.AsString());
        Assert.Contains(events, change => change.Origin == ChangeOrigin.Remote && change.Address == new Address("t", "a"));
    }

    [Fact]
    public async Task A_timestamp_far_in_the_future_is_refused_and_local_writes_keep_working()
    {
        var time = new FakeTimeProvider(Start);
        var raw = new RawTransport();
        await using var synclet = await CreateAsync("victim", time: time, transports: raw);
        await synclet.StartAsync();

        raw.InjectMessage("evil", new Message(2, new Address("t", "a"), new TimestampAndAtomNode("zzzzzzzzzzzzzzzz", 1), MessageContext.Empty));
        await synclet.SetAtomAsync(new Address("t", "b"), 2);

        Assert.Null(await synclet.GetAtomAsync(new Address("t", "a")));
        Assert.Equal(1, synclet.Statistics.WritesTooFarAhead);
        Assert.True((await synclet.GetMetaAsync()).TryGetLeaf(new Address("t", "b"), out var timestamp));
        Assert.StartsWith("OhqqeV", timestamp);
    }

    [Fact]
    public async Task Cancelling_after_the_write_is_stored_still_sends_it()
    {
        using var cancellation = new CancellationTokenSource();
        await using var writer = await CreateAsync("writer", new SyncletHooks { OnSetAtom = (_, _, _) => { cancellation.Cancel(); return default; } });
        await using var reader = await CreateAsync("reader");
        await Task.WhenAll(writer.StartAsync(), reader.StartAsync());

        await writer.SetAtomAsync(new Address("t", "a"), 1, cancellationToken: cancellation.Token);
        await Eventually.UntilAsync(async () => await reader.GetAtomAsync(new Address("t", "a")) == 1, "the stored write reaches the reader");
    }

    [Fact]
    public async Task A_local_write_whose_commit_fails_leaves_both_sides_equal()
    {
        var flaky = new FlakyCommitMetaConnector(2);
        var a = await CreateAsync("a", meta: flaky);
        await using var _ = a;
        await using var b = await CreateAsync("b");
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        var x = new Address("t", "x");
        await a.SetAtomAsync(x, "old");
        await Eventually.UntilAsync(async () => await b.GetAtomAsync(x) == "old", "b holds the first value");

        flaky.FailNextCommit = true;
        await Assert.ThrowsAsync<IOException>(() => a.SetAtomAsync(x, "new"));
        Assert.Equal("old", (await a.GetAtomAsync(x))!.Value.AsString());
        await a.SyncAsync();
        await Eventually.UntilAsync(async () => (await a.GetMetaAsync()).Equals(await b.GetMetaAsync()), "meta stays equal");
    }

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("a b")]
    [InlineData("tab\there")]
    public async Task Unusable_ids_are_refused(string id)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => CreateAsync(id));
        Assert.Contains("synclet id", error.Message);
    }

    private sealed class FailingTransport : Transport
    {
        protected override Task ConnectAsync(CancellationToken cancellationToken) => throw new IOException("connection refused");

        protected override Task DisconnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        protected override ValueTask SendPacketAsync(string to, ReadOnlyMemory<byte> packet, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class FailingSendTransport : Transport
    {
        public void InjectMessage(string from, Message message)
        {
            foreach (var packet in Codec.EncodePackets(from, Synclets.Wire.WireCodec.NewMessageId(), message, Options.FragmentSize))
            {
                ReceivePacket(packet);
            }
        }

        protected override Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        protected override Task DisconnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        protected override ValueTask SendPacketAsync(string to, ReadOnlyMemory<byte> packet, CancellationToken cancellationToken) =>
            to == "*" ? ValueTask.CompletedTask : throw new IOException("socket closed");
    }

    private sealed class FlakyCommitMetaConnector(int depth) : DelegatingMetaConnector(depth)
    {
        public bool FailNextCommit { get; set; }

        public override Task CommitBatchAsync(CancellationToken cancellationToken = default)
        {
            if (FailNextCommit)
            {
                FailNextCommit = false;
                throw new IOException("disk full");
            }

            return base.CommitBatchAsync(cancellationToken);
        }
    }
}
