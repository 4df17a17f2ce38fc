using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.Transports.Faults;
using Synclets.Transports.Memory;

namespace Synclets.Tests.Reliability;

/// <summary>The fault kit injects what it is told to, reproducibly, and the engine survives it.</summary>
public sealed class FaultyTransportTests : IAsyncDisposable
{
    private readonly List<Synclet> _synclets = [];
    private readonly string _pool = Guid.NewGuid().ToString("N");

    public async ValueTask DisposeAsync()
    {
        foreach (var synclet in _synclets)
        {
            await synclet.DisposeAsync();
        }
    }

    [Fact]
    public async Task Dropping_every_packet_lets_nothing_through_and_counts_each_drop()
    {
        var network = new FaultyNetwork(seed: 3) { Settings = new FaultSettings { DropRate = 1 } };
        var (a, b) = (await StartAsync("a", network), await StartAsync("b", network));

        await a.SetAtomAsync(new Address("t", "r"), 1);
        Assert.Null(await b.GetAtomAsync(new Address("t", "r")));
        Assert.Equal(0, b.Statistics.MessagesProcessed);
        Assert.Equal(a.Transports[0].Statistics.PacketsSent + b.Transports[0].Statistics.PacketsSent, network.Statistics.PacketsDropped);
    }

    [Fact]
    public async Task Duplicated_packets_are_applied_once()
    {
        var network = new FaultyNetwork(seed: 3) { Settings = new FaultSettings { DuplicateRate = 1 } };
        var (a, b) = (await StartAsync("a", network), await StartAsync("b", network));
        var changes = 0;
        b.AtomChanged += (_, _) => Interlocked.Increment(ref changes);

        await a.SetAtomAsync(new Address("t", "r"), "once");
        await Eventually.UntilAsync(async () => await b.GetAtomAsync(new Address("t", "r")) == "once", "b holds the write");
        // The copy is processed, or dropped on arrival if the first is still waiting (the same bytes from the same sender).
        await Eventually.UntilAsync(() => Task.FromResult(b.Statistics.MessagesProcessed + b.Statistics.RequestsRepeated >= 2), "b dealt with the copy too");
        await b.WhenReceivedProcessedAsync();
        Assert.Equal(1, changes);
        Assert.True(network.Statistics.PacketsDuplicated >= 1);
    }

    [Fact]
    public async Task Reordered_and_delayed_packets_still_converge()
    {
        var network = new FaultyNetwork(seed: 5) { Settings = new FaultSettings { ReorderRate = 0.5, DelayRate = 0.5, MaxDelay = TimeSpan.FromMilliseconds(5) } };
        var (a, b) = (await StartAsync("a", network), await StartAsync("b", network));
        for (var i = 0; i < 20; i++)
        {
            await a.SetAtomAsync(new Address("t", "r" + (i % 4)), i);
        }

        await Eventually.UntilAsync(async () => await b.GetAtomAsync(new Address("t", "r3")) == 19, "the last write to r3 wins at b");
        Assert.True(network.Statistics.PacketsReordered > 0 && network.Statistics.PacketsDelayed > 0);
        await a.SyncAsync();
        await Eventually.UntilAsync(async () => (await a.GetMetaAsync()).Equals(await b.GetMetaAsync()), "a and b hold the same meta");
    }

    [Fact]
    public async Task A_partition_keeps_writes_inside_its_group_until_healed()
    {
        var network = new FaultyNetwork(seed: 1);
        var (a, b, c) = (await StartAsync("a", network), await StartAsync("b", network), await StartAsync("c", network));
        network.Partition(["a", "b"], ["c"]);

        await a.SetAtomAsync(new Address("t", "r"), "inside");
        await Eventually.UntilAsync(async () => await b.GetAtomAsync(new Address("t", "r")) == "inside", "b, in a's group, holds the write");
        await c.SyncAsync();
        await a.SyncAsync();
        await b.GetMetaAsync();
        Assert.Null(await c.GetAtomAsync(new Address("t", "r")));
        Assert.True(network.Statistics.MessagesCutOff > 0);

        network.Heal();
        await c.SyncAsync();
        await Eventually.UntilAsync(async () => await c.GetAtomAsync(new Address("t", "r")) == "inside", "c holds the write after the heal");
    }

    [Fact]
    public async Task The_same_seed_injects_the_same_faults()
    {
        async Task<(long Dropped, long Duplicated, long Delayed)> RunAsync()
        {
            var network = new FaultyNetwork(seed: 42) { Settings = new FaultSettings { DropRate = 0.3, DuplicateRate = 0.2, DelayRate = 0.2, MaxDelay = TimeSpan.Zero } };
            var pool = Guid.NewGuid().ToString("N");
            await using var a = await Synclet.CreateAsync(Parts(network.MemoryTransport(pool)), options: Options("a"));
            await a.StartAsync();
            for (var i = 0; i < 50; i++)
            {
                await a.SetAtomAsync(new Address("t", "r" + i), i);
            }

            return (network.Statistics.PacketsDropped, network.Statistics.PacketsDuplicated, network.Statistics.PacketsDelayed);
        }

        var first = await RunAsync();
        Assert.Equal(first, await RunAsync());
        Assert.True(first.Dropped > 0 && first.Duplicated > 0 && first.Delayed > 0);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_rate_outside_0_to_1_is_refused(double rate)
    {
        var network = new FaultyNetwork(seed: 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => network.Settings = new FaultSettings { DuplicateRate = rate });
        Assert.Contains("DuplicateRate is a probability", error.Message);
    }

    [Fact]
    public async Task A_transport_attached_elsewhere_cannot_be_wrapped_and_a_wrapped_one_is_released_with_its_wrapper()
    {
        var inner = new MemoryTransport(_pool);
        var owner = await Synclet.CreateAsync(Parts(inner), options: Options("owner"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Synclet.CreateAsync(Parts(new FaultyNetwork(1).Wrap(inner)), options: Options("wrapper")));
        Assert.Equal("Transport is already attached to a synclet", error.Message);
        await owner.DisposeAsync();

        var wrapper = new FaultyNetwork(1).Wrap(inner);
        var wrapping = await Synclet.CreateAsync(Parts(wrapper), options: Options("wrapper"));
        Assert.True(inner.IsAttached);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Synclet.CreateAsync(Parts(inner), options: Options("thief")));
        await wrapping.DisposeAsync();
        Assert.False(inner.IsAttached);

        // Released, the same wrapper serves a new synclet, and carries its messages.
        _synclets.Add(await Synclet.CreateAsync(Parts(wrapper), options: Options("again")));
        var peer = await StartAsync("peer", new FaultyNetwork(2));
        await _synclets[0].StartAsync();
        await _synclets[0].SetAtomAsync(new Address("t", "r"), "through the wrapper");
        await Eventually.UntilAsync(async () => await peer.GetAtomAsync(new Address("t", "r")) == "through the wrapper", "the peer holds the write");
    }

    [Fact]
    public void Two_groups_cannot_share_a_peer()
    {
        var error = Assert.Throws<ArgumentException>(() => new FaultyNetwork(1).Partition(["a", "b"], ["b"]));
        Assert.Contains("'b' is listed in two groups", error.Message);
    }

    private async Task<Synclet> StartAsync(string id, FaultyNetwork network)
    {
        var synclet = await Synclet.CreateAsync(Parts(network.MemoryTransport(_pool)), options: Options(id));
        _synclets.Add(synclet);
        await synclet.StartAsync();
        return synclet;
    }

    private static SyncletComponents Parts(Transports.Transport transport) =>
        new(new MemoryDataConnector(2), new MemoryMetaConnector(2), transport);

    // No periodic syncs: each test decides when a sync happens.
    private static SyncletOptions Options(string id) => new() { Id = id, SyncInterval = Timeout.InfiniteTimeSpan };
}
