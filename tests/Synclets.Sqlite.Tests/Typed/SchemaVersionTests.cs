extern alias V1;
extern alias V2;
using Synclets.Conformance.Support;
using Synclets.Relational;
using Synclets.Sqlite.Tests.Support;
using Synclets.Transports.Memory;
using NoteV1 = V1::Notes.Note;
using NoteV2 = V2::Notes.Note;
using V1Notes = V1::Notes.NoteSyncletTableExtensions;
using V2Notes = V2::Notes.NoteSyncletTableExtensions;

namespace Synclets.Sqlite.Tests.Typed;

/// <summary>
/// Two versions of a record (two generated assemblies) take turns on one SQLite file and sync with
/// each other: the newer one's nullable column is added on open, the removed one is left alone, and
/// each version keeps the other's atoms in its tree instead of refusing them.
/// </summary>
public sealed class SchemaVersionTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Versions_take_turns_on_one_file_and_each_keeps_what_the_other_wrote()
    {
        var path = _directory.NewDatabase();
        await using (var v1 = await OpenV1Async(path))
        {
            await V1Notes.SetAsync(v1, new NoteV1("n1", "one", 3));
        }

        await using (var v2 = await OpenV2Async(path))
        {
            Assert.Equal(["Id", "Title", "Stars", "Tag"], Probe.Columns(path, "Note"));   // added, and nothing dropped
            Assert.Equal(new NoteV2("n1", "one", null), await V2Notes.GetAsync(v2, "n1"));
            Assert.Equal(["Tag"], await v2.GetMissingColumnsAsync(["n1"]));
            Assert.Equal(3, await v2.Synclet.GetAtomAsync(new Address("n1", "Stars")));   // V1's column, kept in the tree
            await V2Notes.SetAsync(v2, new NoteV2("n1", "uno", "first"));
            await V2Notes.SetAsync(v2, new NoteV2("n2", "two", "second"));
        }

        await using (var v1 = await OpenV1Async(path))
        {
            Assert.Equal(new NoteV1("n1", "uno", 3), await V1Notes.GetAsync(v1, "n1"));    // V2's write left Stars alone
            Assert.Equal(new NoteV1("n2", "two", null), await V1Notes.GetAsync(v1, "n2"));
            Assert.Equal(["Stars"], await v1.GetMissingColumnsAsync(["n2"]));
            Assert.Equal("second", await v1.Synclet.GetAtomAsync(new Address("n2", "Tag")));
        }

        Assert.Equal(3L, Probe.Scalar(path, "SELECT \"Stars\" FROM \"Note\" WHERE \"Id\" = 'n1'"));
        Assert.Equal("first", Probe.Scalar(path, "SELECT \"Tag\" FROM \"Note\" WHERE \"Id\" = 'n1'"));
    }

    [Fact]
    public async Task What_the_older_version_received_for_the_newer_ones_column_is_in_its_cell_so_the_newer_version_adopts_nothing_stale()
    {
        var path = _directory.NewDatabase();
        await using (var v2 = await OpenV2Async(path))
        {
            await V2Notes.SetAsync(v2, new NoteV2("n1", "one", "x"));
        }

        var pool = Guid.NewGuid().ToString("N");
        await using (var peer = await V2::Notes.NoteSynclet.CreateAsync(
            new SyncletComponents(new Connectors.Memory.MemoryDataConnector(2), new Connectors.Memory.MemoryMetaConnector(2), new MemoryTransport(pool)),
            options: new SyncletOptions { Id = "v2-peer" }))
        await using (var v1 = await OpenV1Async(path, pool))
        {
            await Task.WhenAll(peer.StartAsync(), v1.StartAsync());
            await Eventually.UntilAsync(async () => await V2Notes.GetAsync(peer, "n1") is not null, "the peer has the note");
            await V2Notes.SetTagAsync(peer, "n1", "y");
            await Eventually.UntilAsync(async () => await v1.Synclet.GetAtomAsync(new Address("n1", "Tag")) == "y", "the older version receives the newer column's change");
        }

        Assert.Equal("y", Probe.Scalar(path, "SELECT \"Tag\" FROM \"Note\" WHERE \"Id\" = 'n1'"));
        await using (var v2 = await OpenV2Async(path))
        {
            Assert.Equal(0, await ((SqliteTypedDataConnector)v2.Synclet.DataConnector!).SyncChangedAsync());
            Assert.Equal(new NoteV2("n1", "one", "y"), await V2Notes.GetAsync(v2, "n1"));
        }
    }

    [Fact]
    public async Task A_new_property_that_cannot_be_null_is_refused_with_the_SQL_that_adds_it()
    {
        var path = _directory.NewDatabase();
        await using (var v1 = await OpenV1Async(path))
        {
            await V1Notes.SetAsync(v1, new NoteV1("n1", "one", 3));
        }

        var schemaBefore = Probe.Schema(path);
        var (data, meta) = SqliteStore.ForFile(path).CreateConnectors(V2::Notes.RankedNoteTableMap.Instance);
        var error = await Assert.ThrowsAsync<RelationalSchemaException>(() => V2::Notes.RankedNoteSynclet.CreateAsync(new SyncletComponents(data, meta)));

        Assert.Equal("Rank", error.Column);
        Assert.Equal(
            "Table 'Note' has no column 'Rank', and the record's property is neither nullable nor given a default, so the rows already there would have no value for it. " +
            "Nothing was changed. Make the property nullable or give it a default, or, if rows without a value are what you want, run: ALTER TABLE \"Note\" ADD COLUMN \"Rank\" INTEGER;",
            error.Message);
        Assert.Equal(schemaBefore, Probe.Schema(path));
    }

    [Fact]
    public async Task A_new_property_with_a_default_is_added_and_rows_without_it_read_the_default()
    {
        var path = _directory.NewDatabase();
        await using (var v1 = await OpenV1Async(path))
        {
            await V1Notes.SetAsync(v1, new NoteV1("n1", "one", 3));
        }

        var (data, meta) = SqliteStore.ForFile(path).CreateConnectors(V2::Notes.WeightedNoteTableMap.Instance);
        await using var weighted = await V2::Notes.WeightedNoteSynclet.CreateAsync(new SyncletComponents(data, meta));

        Assert.Equal(["Id", "Title", "Stars", "Weight"], Probe.Columns(path, "Note"));
        Assert.Equal(new V2::Notes.WeightedNote("n1", "one"), await V2::Notes.WeightedNoteSyncletTableExtensions.GetAsync(weighted, "n1"));
        Assert.Equal(5, (await V2::Notes.WeightedNoteSyncletTableExtensions.GetAsync(weighted, "n1"))!.Weight);   // the record's default, not 0
        Assert.Equal(["Weight"], await weighted.GetMissingColumnsAsync(["n1"]));
    }

    [Fact]
    public async Task Peers_of_two_versions_converge_both_ways_and_refuse_nothing()
    {
        var pool = Guid.NewGuid().ToString("N");
        await using var v1 = await OpenV1Async(_directory.NewDatabase(), pool);
        await using var v2 = await OpenV2Async(_directory.NewDatabase(), pool);
        await Task.WhenAll(v1.StartAsync(), v2.StartAsync());

        await V1Notes.SetAsync(v1, new NoteV1("a", "from v1", 5));
        await V2Notes.SetAsync(v2, new NoteV2("b", "from v2", "new"));
        await Eventually.UntilAsync(async () => (await v1.Synclet.GetMetaAsync()).Equals(await v2.Synclet.GetMetaAsync()), "the two versions' trees converge");
        await V1Notes.SetAsync(v1, new NoteV1("b", "edited by v1", 1));
        await Eventually.UntilAsync(async () => await V2Notes.GetAsync(v2, "b") is { Title: "edited by v1" }, "an edit of the older version reaches the newer one");

        Assert.Equal(new NoteV2("b", "edited by v1", "new"), await V2Notes.GetAsync(v2, "b"));   // V1's write kept V2's column
        Assert.Equal(new NoteV1("a", "from v1", 5), await V1Notes.GetAsync(v1, "a"));
        Assert.Equal(5, await v2.Synclet.GetAtomAsync(new Address("a", "Stars")));
        Assert.Equal(0, v1.SchemaRejections);
        Assert.Equal(0, v2.SchemaRejections);
    }

    private static async Task<V1::Notes.NoteSynclet> OpenV1Async(string path, string? pool = null)
    {
        var (data, meta) = SqliteStore.ForFile(path).CreateConnectors(V1::Notes.NoteTableMap.Instance);
        var components = pool is null ? new SyncletComponents(data, meta) : new SyncletComponents(data, meta, new MemoryTransport(pool));
        return await V1::Notes.NoteSynclet.CreateAsync(components, options: new SyncletOptions { Id = "v1" });
    }

    private static async Task<V2::Notes.NoteSynclet> OpenV2Async(string path, string? pool = null)
    {
        var (data, meta) = SqliteStore.ForFile(path).CreateConnectors(V2::Notes.NoteTableMap.Instance);
        var components = pool is null ? new SyncletComponents(data, meta) : new SyncletComponents(data, meta, new MemoryTransport(pool));
        return await V2::Notes.NoteSynclet.CreateAsync(components, options: new SyncletOptions { Id = "v2" });
    }

    public void Dispose() => _directory.Dispose();
}
