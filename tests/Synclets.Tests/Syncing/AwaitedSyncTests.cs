using System.Collections.Concurrent;
using Synclets.Connectors.Memory;
using Synclets.Transports.Memory;

namespace Synclets.Tests.Syncing;

/// <summary>
/// An awaited sync ends when every peer has answered everything it was sent and what the answers
/// carried is applied; its result counts what moved, and says plainly when a peer did not answer.
/// </summary>
public sealed class AwaitedSyncTests
{
    private readonly string _pool = Guid.NewGuid().ToString("N");

    [Fact]
    public async Task The_result_counts_a_known_exchange()
    {
        await using var a = await StartAsync("a", depth: 1);
        await using var b = await StartAsync("b", depth: 1);
        await InSyncAsync(a, b);
        await a.SetAtomAsync(new Address("z"), "from a", sync: false);
        await b.SetAtomAsync(new Address("x"), "from b", sync: false);
        await b.SetAtomAsync(new Address("y"), "from b", sync: false);
        var transport = b.Transports[0].Statistics;
        var (sent, received) = (transport.BytesSent, transport.BytesReceived);

        var result = await b.SyncAsync();

        // b: root hash →; ← a's timestamps; b's two atoms and "send me z" →; ← z; an acknowledgement →.
        Assert.True(result.IsComplete, result.ToString());
        Assert.Null(result.Problem);
        Assert.Equal(new Dictionary<string, PeerSyncState> { ["a"] = PeerSyncState.InSync }, result.Peers);
        Assert.Equal(1, result.AtomsReceived);
        Assert.Equal(2, result.AtomsSent);
        Assert.Equal(3, result.MessagesSent);
        Assert.Equal(2, result.MessagesReceived);
        Assert.Equal(transport.BytesSent - sent, result.BytesSent);
        Assert.Equal(transport.BytesReceived - received, result.BytesReceived);
        Assert.Equal(0, result.Conflicts);
        Assert.Equal(0, result.Refusals);
        Assert.True(result.Duration > TimeSpan.Zero);

        // Awaited means applied: no waiting for the data afterwards.
        Assert.Equal("from a", (await b.GetAtomAsync(new Address("z")))?.AsString());
        Assert.Equal("from b", (await a.GetAtomAsync(new Address("y")))?.AsString());
    }

    [Fact]
    public async Task Peers_that_start_together_hold_the_same_tree_once_their_first_syncs_end()
    {
        await using var a = await CreateAsync("a", depth: 3);
        await using var b = await CreateAsync("b", depth: 3);
        for (var i = 0; i < 300; i++)
        {
            await a.SetAtomAsync(new Address("t", "r" + (i % 17), "a" + i), i);
            await b.SetAtomAsync(new Address("t", "r" + (i % 13), "b" + i), i);
        }

        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        var results = await Task.WhenAll(a.WhenSyncedAsync(), b.WhenSyncedAsync());

        Assert.Contains(results, result => result.IsComplete);
        var complete = results[0].IsComplete ? a : b;
        var other = complete == a ? b : a;
        await other.WhenReceivedProcessedAsync();
        Assert.Equal(await other.GetDataAsync(), await complete.GetDataAsync());
        Assert.Equal(600, (await complete.GetDataAsync()).Leaves().Count());
    }

    [Fact]
    public async Task A_peer_that_stops_answering_is_named_when_the_time_runs_out()
    {
        var deaf = false;
        await using var a = await StartAsync("a", depth: 1);
        await using var b = await StartAsync("b", depth: 1, new SyncletHooks { CanReceiveMessage = (_, _) => ValueTask.FromResult(!deaf) });
        await InSyncAsync(a, b);
        var states = new ConcurrentQueue<PeerSyncState>();
        a.PeerSyncStateChanged += (_, change) => states.Enqueue(change.State);
        deaf = true;

        var result = await a.SyncAsync(new SyncRequest { Timeout = TimeSpan.FromMilliseconds(300) }, CancellationToken.None);

        Assert.False(result.IsComplete);
        Assert.Equal("1 of 1 peer(s) did not answer in time", result.Problem);
        Assert.Equal(new Dictionary<string, PeerSyncState> { ["b"] = PeerSyncState.Unknown }, result.Peers);
        Assert.Equal([PeerSyncState.Syncing, PeerSyncState.Unknown], states);
        Assert.Equal(1, a.Statistics.SyncsIncomplete);

        // Taken to have left: the next sync does not wait for it, and b is followed again once it answers.
        deaf = false;
        var next = await a.SyncAsync();
        Assert.True(next.IsComplete, next.ToString());
        Assert.Equal(PeerSyncState.InSync, next.Peers["b"]);
    }

    [Fact]
    public async Task A_synclet_alone_says_no_peer_answered()
    {
        await using var alone = await StartAsync("alone", depth: 1);

        var result = await alone.SyncAsync(new SyncRequest { Timeout = TimeSpan.FromMilliseconds(100) }, CancellationToken.None);

        Assert.False(result.IsComplete);
        Assert.Equal("no peer answered in time", result.Problem);
        Assert.Empty(result.Peers);
    }

    [Fact]
    public async Task A_stopped_synclet_says_so_at_once()
    {
        await using var stopped = await CreateAsync("stopped", depth: 1);

        var result = await stopped.SyncAsync();

        Assert.False(result.IsComplete);
        Assert.Equal("the synclet is not started", result.Problem);
        Assert.Equal(result, await stopped.WhenSyncedAsync(), ResultComparer.Instance);
    }

    [Fact]
    public async Task Cancelling_stops_the_wait()
    {
        await using var alone = await StartAsync("alone", depth: 1);
        using var cancel = new CancellationTokenSource();

        var sync = alone.SyncAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sync);
    }

    [Fact]
    public async Task Each_peer_goes_from_syncing_to_in_sync()
    {
        await using var a = await StartAsync("a", depth: 2);
        var changes = new ConcurrentQueue<(string Peer, PeerSyncState State)>();
        a.PeerSyncStateChanged += (_, change) => changes.Enqueue((change.Peer, change.State));
        await using var b = await StartAsync("b", depth: 2);
        await using var c = await StartAsync("c", depth: 2);
        await InSyncAsync(b, c);
        await a.WhenReceivedProcessedAsync();   // b's and c's first messages: a knows them

        var result = await a.SyncAsync();

        Assert.True(result.IsComplete, result.ToString());
        Assert.Equal(["b", "c"], result.Peers.Keys.Order());
        Assert.Equal(PeerSyncState.InSync, (await a.GetPeerSyncStatesAsync())["b"]);
        foreach (var peer in new[] { "b", "c" })
        {
            var seen = changes.Where(change => change.Peer == peer).Select(change => change.State).ToList();
            Assert.Equal(PeerSyncState.Syncing, seen[0]);
            Assert.Equal(PeerSyncState.InSync, seen[^1]);
        }
    }

    [Fact]
    public async Task Stopping_ends_a_running_sync()
    {
        await using var alone = await StartAsync("alone", depth: 1);
        var sync = alone.SyncAsync();

        await alone.StopAsync();

        var result = await sync.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(result.IsComplete);
        Assert.Equal("the synclet stopped", result.Problem);
    }

    /// <summary>Waits until two synclets each hold the other as in step.</summary>
    private static async Task InSyncAsync(Synclet first, Synclet second)
    {
        await Task.WhenAll(first.WhenReceivedProcessedAsync(), second.WhenReceivedProcessedAsync());
        Assert.True((await second.SyncAsync()).IsComplete, "the second synclet's sync with the first");
        Assert.True((await first.SyncAsync()).IsComplete, "the first synclet's sync with the second");
    }

    private async Task<Synclet> StartAsync(string id, int depth, SyncletHooks? hooks = null)
    {
        var synclet = await CreateAsync(id, depth, hooks);
        await synclet.StartAsync();
        return synclet;
    }

    private Task<Synclet> CreateAsync(string id, int depth, SyncletHooks? hooks = null) =>
        Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(depth), new MemoryMetaConnector(depth), new MemoryTransport(_pool)),
            hooks,
            new SyncletOptions { Id = id, SyncInterval = Timeout.InfiniteTimeSpan });

    private sealed class ResultComparer : IEqualityComparer<SyncResult>
    {
        public static ResultComparer Instance { get; } = new();

        public bool Equals(SyncResult? x, SyncResult? y) => x?.IsComplete == y?.IsComplete && x?.Problem == y?.Problem;

        public int GetHashCode(SyncResult obj) => 0;
    }
}
