extern alias V1;
extern alias V2;
using Synclets.Conformance.Support;
using Synclets.Postgres.Tests.Support;
using Synclets.Relational;
using Synclets.Transports.Memory;
using NoteV1 = V1::Notes.Note;
using NoteV2 = V2::Notes.Note;
using V1Notes = V1::Notes.NoteSyncletTableExtensions;
using V2Notes = V2::Notes.NoteSyncletTableExtensions;

namespace Synclets.Postgres.Tests.Typed;

/// <summary>
/// Two versions of a record (two generated assemblies) take turns on one PostgreSQL schema and sync
/// with each other: the newer one's nullable column is added on open, in the transaction of the
/// check; the removed one is left alone; each keeps the other's atoms instead of refusing them.
/// </summary>
public sealed class SchemaVersionTests : IAsyncLifetime
{
    private ScratchSchema _schema = null!;

    public async Task InitializeAsync() => _schema = await ScratchSchema.CreateAsync();

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task Versions_take_turns_on_one_database_and_each_keeps_what_the_other_wrote()
    {
        await using (var v1 = await OpenV1Async())
        {
            await V1Notes.SetAsync(v1, new NoteV1("n1", "one", 3));
        }

        await using (var v2 = await OpenV2Async())
        {
            Assert.Equal(["Id", "Title", "Stars", "Tag"], await ColumnsAsync());
            Assert.Equal("text", await _schema.ScalarAsync("SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'Note' AND column_name = 'Tag'"));
            Assert.Equal(new NoteV2("n1", "one", null), await V2Notes.GetAsync(v2, "n1"));
            Assert.Equal(["Tag"], await v2.GetMissingColumnsAsync(["n1"]));
            await V2Notes.SetAsync(v2, new NoteV2("n1", "uno", "first"));
            await V2Notes.SetAsync(v2, new NoteV2("n2", "two", "second"));
        }

        await using (var v1 = await OpenV1Async())
        {
            Assert.Equal(new NoteV1("n1", "uno", 3), await V1Notes.GetAsync(v1, "n1"));
            Assert.Equal(new NoteV1("n2", "two", null), await V1Notes.GetAsync(v1, "n2"));
            Assert.Equal("second", await v1.Synclet.GetAtomAsync(new Address("n2", "Tag")));
        }

        Assert.Equal(3L, await _schema.ScalarAsync("SELECT \"Stars\" FROM \"Note\" WHERE \"Id\" = 'n1'"));
        Assert.Equal("first", await _schema.ScalarAsync("SELECT \"Tag\" FROM \"Note\" WHERE \"Id\" = 'n1'"));
    }

    [Fact]
    public async Task A_new_property_that_cannot_be_null_is_refused_with_the_SQL_that_adds_it()
    {
        await using (var v1 = await OpenV1Async())
        {
            await V1Notes.SetAsync(v1, new NoteV1("n1", "one", 3));
        }

        var (data, meta) = new PostgresStore(_schema.DataSource).CreateConnectors(V2::Notes.RankedNoteTableMap.Instance);
        var error = await Assert.ThrowsAsync<RelationalSchemaException>(() => V2::Notes.RankedNoteSynclet.CreateAsync(new SyncletComponents(data, meta)));

        Assert.Equal("Rank", error.Column);
        Assert.EndsWith("run: ALTER TABLE \"Note\" ADD COLUMN \"Rank\" bigint;", error.Message);
        Assert.Equal(["Id", "Title", "Stars"], await ColumnsAsync());
    }

    [Fact]
    public async Task Peers_of_two_versions_converge_both_ways_and_refuse_nothing()
    {
        await using var other = await ScratchSchema.CreateAsync();
        var pool = Guid.NewGuid().ToString("N");
        await using var v1 = await OpenV1Async(pool);
        var (data, meta) = new PostgresStore(other.DataSource).CreateConnectors(V2::Notes.NoteTableMap.Instance);
        await using var v2 = await V2::Notes.NoteSynclet.CreateAsync(new SyncletComponents(data, meta, new MemoryTransport(pool)), options: new SyncletOptions { Id = "v2" });
        await Task.WhenAll(v1.StartAsync(), v2.StartAsync());

        await V1Notes.SetAsync(v1, new NoteV1("a", "from v1", 5));
        await V2Notes.SetAsync(v2, new NoteV2("b", "from v2", "new"));
        await Eventually.UntilAsync(async () => (await v1.Synclet.GetMetaAsync()).Equals(await v2.Synclet.GetMetaAsync()), "the two versions' trees converge");
        await V1Notes.SetAsync(v1, new NoteV1("b", "edited by v1", 1));
        await Eventually.UntilAsync(async () => await V2Notes.GetAsync(v2, "b") is { Title: "edited by v1" }, "an edit of the older version reaches the newer one");

        Assert.Equal(new NoteV2("b", "edited by v1", "new"), await V2Notes.GetAsync(v2, "b"));
        Assert.Equal(0, v1.SchemaRejections);
        Assert.Equal(0, v2.SchemaRejections);
    }

    private async Task<List<string>> ColumnsAsync()
    {
        await using var command = _schema.DataSource.CreateCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'Note' ORDER BY ordinal_position");
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private async Task<V1::Notes.NoteSynclet> OpenV1Async(string? pool = null)
    {
        var (data, meta) = new PostgresStore(_schema.DataSource).CreateConnectors(V1::Notes.NoteTableMap.Instance);
        var components = pool is null ? new SyncletComponents(data, meta) : new SyncletComponents(data, meta, new MemoryTransport(pool));
        return await V1::Notes.NoteSynclet.CreateAsync(components, options: new SyncletOptions { Id = "v1" });
    }

    private async Task<V2::Notes.NoteSynclet> OpenV2Async()
    {
        var (data, meta) = new PostgresStore(_schema.DataSource).CreateConnectors(V2::Notes.NoteTableMap.Instance);
        return await V2::Notes.NoteSynclet.CreateAsync(new SyncletComponents(data, meta), options: new SyncletOptions { Id = "v2" });
    }
}
