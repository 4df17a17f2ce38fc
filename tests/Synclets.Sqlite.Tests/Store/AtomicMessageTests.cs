using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.Sqlite.Tests.Support;
using Synclets.Transports.Memory;

namespace Synclets.Sqlite.Tests.Store;

/// <summary>A message the synclet receives is applied as one transaction: a failure part-way leaves nothing behind.</summary>
public sealed class AtomicMessageTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task A_message_that_fails_part_way_writes_nothing_and_a_later_sync_applies_it_whole()
    {
        var path = _directory.NewDatabase();
        var pool = Guid.NewGuid().ToString("N");
        await using var source = await SqliteSynclets.CreateMemoryAsync(2, "source", pool);
        for (var i = 0; i < 20; i++)
        {
            await source.SetAtomAsync(new Address("row", "cell" + i), i);
        }

        var failing = 1;
        var store = SqliteStore.ForFile(path);
        await using var target = await Synclet.CreateAsync(
            new SyncletComponents(new SqliteDataConnector(store, 2), new SqliteMetaConnector(store, 2), new MemoryTransport(pool)),
            hooks: new SyncletHooks
            {
                // The hook runs inside the batch, after earlier atoms of the same message were written.
                CanWriteAtom = (address, _, _, _) => address.LastId == "cell17" && Volatile.Read(ref failing) == 1
                    ? throw new IOException("disk trouble")
                    : ValueTask.FromResult(true),
            },
            options: new SyncletOptions { Id = "target" });

        await source.StartAsync();
        await target.StartAsync();
        await Eventually.UntilAsync(() => Task.FromResult(target.Statistics.BatchesFailed > 0), "the target fails a batch");
        Assert.Equal(0, Probe.Count(path, "synclets_tree"));
        Assert.Equal(0, Probe.Count(path, "synclets_hashes"));

        Volatile.Write(ref failing, 0);
        await target.SyncAsync();
        await Eventually.UntilAsync(async () => (await target.GetDataAsync()).Equals(await source.GetDataAsync()), "the target holds every atom");
        Assert.Equal(20, Probe.Count(path, "synclets_tree"));
    }

    public void Dispose() => _directory.Dispose();
}
