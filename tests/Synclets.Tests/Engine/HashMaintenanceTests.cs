using Synclets.Connectors.Memory;
using Synclets.Conformance.Support;
using Synclets.Hashing;
using Synclets.Tests.Support;
using Synclets.Transports.Memory;

namespace Synclets.Tests.Engine;

public class HashMaintenanceTests
{
    private const int Depth = 3;

    private static async Task<(Synclet Synclet, CountingMetaConnector Meta)> CreateAsync(string id, string pool)
    {
        var meta = new CountingMetaConnector(Depth);
        var synclet = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(Depth), meta, new MemoryTransport(pool)),
            options: new SyncletOptions { Id = id });
        return (synclet, meta);
    }

    [Fact]
    public async Task A_no_change_sync_reads_O1_hashes_and_a_write_touches_O_depth()
    {
        var pool = Guid.NewGuid().ToString("N");
        var (a, metaA) = await CreateAsync("a", pool);
        var (b, metaB) = await CreateAsync("b", pool);
        await using var _ = a;
        await using var __ = b;
        for (var i = 0; i < 10_000; i++)
        {
            await a.SetAtomAsync(new Address("t" + (i % 10), "r" + (i / 10 % 100), "c" + (i / 1000)), i, sync: false);
        }

        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        await Eventually.UntilAsync(async () => (await b.GetMetaAsync()).Equals(await a.GetMetaAsync()), "b holds a's 10k atoms");

        metaA.ResetCounts();
        metaB.ResetCounts();
        await a.SyncAsync();
        await b.WhenReceivedProcessedAsync(); // b has answered a's root hash
        await a.WhenReceivedProcessedAsync();
        Assert.Equal(1, metaA.HashReads);
        Assert.Equal(1, metaB.HashReads);
        Assert.Equal(0, metaA.HashWrites + metaB.HashWrites);

        metaA.ResetCounts();
        await a.SetAtomAsync(new Address("t3", "r7", "c2"), "changed", sync: false);
        Assert.Equal(Depth, metaA.HashReads);
        Assert.Equal(Depth, metaA.HashWrites);
    }

    [Fact]
    public async Task Stored_hashes_equal_a_recomputation_from_the_timestamps()
    {
        var (synclet, meta) = await CreateAsync("a", Guid.NewGuid().ToString("N"));
        await using var _ = synclet;
        for (var i = 0; i < 500; i++)
        {
            var address = new Address("t" + (i % 3), "r" + (i % 17), "c" + (i % 5));
            if (i % 7 == 0)
            {
                await synclet.DelAtomAsync(address);
            }
            else
            {
                await synclet.SetAtomAsync(address, i);
            }
        }

        var tree = await synclet.GetMetaAsync();
        Assert.Equal(Recompute(tree), await meta.ReadHashAsync(Address.Root));
        foreach (var (table, rows) in tree)
        {
            Assert.Equal(Recompute(rows), await meta.ReadHashAsync(new Address(table)));
            foreach (var (row, cells) in rows)
            {
                Assert.Equal(Recompute(cells), await meta.ReadHashAsync(new Address(table, row)));
            }
        }

        static uint Recompute(Tree<string> node) =>
            node.Leaves().Aggregate(0u, (hash, leaf) => hash ^ Fnv1a.HashTimestamp(leaf.Value));
    }
}
