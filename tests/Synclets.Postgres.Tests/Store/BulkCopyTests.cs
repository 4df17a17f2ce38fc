using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.Postgres.Tests.Support;
using Synclets.Transports.Memory;

namespace Synclets.Postgres.Tests.Store;

/// <summary>
/// Messages of thousands of atoms are written through a binary COPY into a staging table: new
/// atoms, changed ones and deletions all arrive, and the stored hashes agree with the timestamps.
/// </summary>
public sealed class BulkCopyTests : IAsyncLifetime
{
    private const int Depth = 3;
    private ScratchSchema _schema = null!;

    public async Task InitializeAsync() => _schema = await ScratchSchema.CreateAsync();

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task Large_answers_are_copied_in_and_later_changes_and_deletions_too()
    {
        var pool = Guid.NewGuid().ToString("N");
        var (data, meta) = new PostgresStore(_schema.DataSource).CreateConnectors(Depth);
        await using var stored = await Synclet.CreateAsync(new SyncletComponents(data, meta, new MemoryTransport(pool)), options: new SyncletOptions { Id = "stored" });
        await using var memory = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(Depth), new MemoryMetaConnector(Depth), new MemoryTransport(pool)),
            options: new SyncletOptions { Id = "memory" });
        var addresses = Enumerable.Range(0, 6_000).Select(i => new Address("t" + (i % 3), "r" + (i / 10), "c" + (i % 10))).ToList();
        await memory.SetAtomsAsync(addresses.Select(address => KeyValuePair.Create(address, (Atom?)("v " + address))), sync: false);

        await Task.WhenAll(stored.StartAsync(), memory.StartAsync());

        // Watched through the database, not the synclet: a local call while it applies the answer
        // would make it commit (and flush) between leaf parents, in pieces too small to copy.
        await Eventually.UntilAsync(
            async () => (long)(await _schema.ScalarAsync("SELECT count(*) FROM synclets_tree WHERE atom IS NOT NULL"))! == 6_000,
            "the stored synclet holds all 6,000 atoms",
            TimeSpan.FromSeconds(60));
        await ConvergedAsync(stored, memory, "the stored synclet holds all 6,000 atoms and their timestamps");
        Assert.Equal(6_000L, await _schema.ScalarAsync("SELECT count(*) FROM synclets_tree WHERE atom IS NOT NULL"));
        // The store's session holds the staging table its COPY went into.
        Assert.True((long)(await _schema.ScalarAsync("SELECT count(*) FROM pg_class WHERE relname LIKE 'synclets_staging_%' AND relpersistence = 't'"))! > 0);

        await memory.SetAtomsAsync(addresses.Take(3_000).Select((address, i) => KeyValuePair.Create(address, i % 2 == 0 ? (Atom?)"changed" : null)));
        await ConvergedAsync(stored, memory, "the stored synclet has the changes and deletions");
        Assert.Equal(4_500L, await _schema.ScalarAsync("SELECT count(*) FROM synclets_tree WHERE atom IS NOT NULL"));
        Assert.Equal(1_500L, await _schema.ScalarAsync("SELECT count(*) FROM synclets_tree WHERE atom = '\"changed\"'"));
        Assert.Empty(await Durability.StoredHashes.MismatchesAsync(_schema.DataSource.ConnectionString, Depth));
    }

    private static Task ConvergedAsync(Synclet stored, Synclet memory, string what) =>
        Eventually.UntilAsync(
            async () => (await stored.GetDataAsync()).Equals(await memory.GetDataAsync()) && (await stored.GetMetaAsync()).Equals(await memory.GetMetaAsync()),
            what,
            TimeSpan.FromSeconds(60));
}
