using Synclets.Connectors.Memory;
using Synclets.Protocol;
using Synclets.Tests.Support;

namespace Synclets.Tests.Engine;

/// <summary>
/// When a synclet's root sync and a peer's cross (each sent its root hash before it saw the
/// other's), the one whose root hash is larger leaves the answer to its own unanswered, and only the
/// other sync carries data; in every other case root listings are answered as before.
/// </summary>
public sealed class CrossedSyncTests
{
    [Fact]
    public async Task The_larger_root_hash_yields_once_the_peers_sync_crossed_it()
    {
        await using var scripted = await ScriptedPeer.StartAsync();

        scripted.Send(new HashNode(scripted.OurRootHash - 1));
        Assert.IsType<SubNodesNode>(Assert.Single(await scripted.NewMessagesAsync()).Node);   // their sync goes on
        scripted.Send(AnswerToOurRootHash());

        Assert.Empty(await scripted.NewMessagesAsync());
        Assert.Equal(1, scripted.Synclet.Statistics.SyncsYielded);
    }

    [Fact]
    public async Task The_smaller_root_hash_goes_on()
    {
        await using var scripted = await ScriptedPeer.StartAsync();

        scripted.Send(new HashNode(scripted.OurRootHash + 1));
        Assert.IsType<SubNodesNode>(Assert.Single(await scripted.NewMessagesAsync()).Node);
        scripted.Send(AnswerToOurRootHash());

        Assert.IsType<SubNodesNode>(Assert.Single(await scripted.NewMessagesAsync()).Node);
        Assert.Equal(0, scripted.Synclet.Statistics.SyncsYielded);
    }

    [Fact]
    public async Task An_answer_to_a_root_hash_that_crossed_nothing_is_answered()
    {
        await using var scripted = await ScriptedPeer.StartAsync();

        scripted.Send(AnswerToOurRootHash());

        Assert.IsType<SubNodesNode>(Assert.Single(await scripted.NewMessagesAsync()).Node);
        Assert.Equal(0, scripted.Synclet.Statistics.SyncsYielded);
    }

    [Fact]
    public async Task A_peers_root_hash_answered_before_ours_was_sent_crossed_nothing()
    {
        await using var scripted = await ScriptedPeer.StartAsync();
        scripted.Send(new HashNode(scripted.OurRootHash - 1));
        Assert.IsType<SubNodesNode>(Assert.Single(await scripted.NewMessagesAsync()).Node);

        await scripted.Synclet.SyncAsync();   // a new root sync: what we answered before it is an old round
        Assert.IsType<HashNode>(Assert.Single(await scripted.NewMessagesAsync()).Node);
        scripted.Send(AnswerToOurRootHash());

        Assert.IsType<SubNodesNode>(Assert.Single(await scripted.NewMessagesAsync()).Node);
        Assert.Equal(0, scripted.Synclet.Statistics.SyncsYielded);
    }

    [Fact]
    public async Task A_peer_whose_root_hash_changed_within_a_round_is_answered()
    {
        await using var scripted = await ScriptedPeer.StartAsync();
        scripted.Send(new HashNode(scripted.OurRootHash - 1));
        scripted.Send(new HashNode(scripted.OurRootHash - 2));   // two syncs, or two peers behind one relay
        Assert.Equal(2, (await scripted.NewMessagesAsync()).Count);

        scripted.Send(AnswerToOurRootHash());

        Assert.IsType<SubNodesNode>(Assert.Single(await scripted.NewMessagesAsync()).Node);
        Assert.Equal(0, scripted.Synclet.Statistics.SyncsYielded);
    }

    /// <summary>The scripted peer's listing of its rows' hashes: what a peer answers to our root hash when it differs.</summary>
    private static SubNodesNode AnswerToOurRootHash() =>
        new(new Dictionary<string, MessageNode>(StringComparer.Ordinal) { ["r0"] = new HashNode(12345), ["r9"] = new HashNode(678) });

    /// <summary>A started synclet of depth 2 holding a few atoms, whose one peer, "p", is scripted by the test.</summary>
    private sealed class ScriptedPeer : IAsyncDisposable
    {
        private int _read;

        private ScriptedPeer(Synclet synclet, RawTransport transport, uint ourRootHash)
        {
            Synclet = synclet;
            Transport = transport;
            OurRootHash = ourRootHash;
        }

        public Synclet Synclet { get; }

        public RawTransport Transport { get; }

        /// <summary>The root hash the synclet sent as it started; never 0, 1 or the largest value, so ±2 stays in range.</summary>
        public uint OurRootHash { get; }

        public static async Task<ScriptedPeer> StartAsync()
        {
            for (var attempt = 0; ; attempt++)
            {
                var transport = new RawTransport();
                var synclet = await Synclet.CreateAsync(
                    new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(2), transport),
                    options: new SyncletOptions { Id = "ours", SyncInterval = Timeout.InfiniteTimeSpan });
                await synclet.SetAtomsAsync(Enumerable.Range(0, 3).Select(i => new KeyValuePair<Address, Atom?>(new Address("r" + i, "c0"), "v" + attempt)), sync: false);
                await synclet.StartAsync();
                var rootHash = ((HashNode)Assert.Single(transport.SentMessages()).Node).Hash;
                if (rootHash is > 1 and < uint.MaxValue - 1)
                {
                    var peer = new ScriptedPeer(synclet, transport, rootHash);
                    peer._read = 1;
                    return peer;
                }

                await synclet.DisposeAsync();
            }
        }

        public void Send(MessageNode node) => Transport.InjectMessage("p", new Message(2, Address.Root, node, MessageContext.Empty));

        /// <summary>The messages the synclet sent since the last call, once everything it received was processed.</summary>
        public async Task<List<Message>> NewMessagesAsync()
        {
            await Synclet.WhenReceivedProcessedAsync();
            var sent = Transport.SentMessages().Skip(_read).ToList();
            _read += sent.Count;
            return sent;
        }

        public ValueTask DisposeAsync() => Synclet.DisposeAsync();
    }
}
