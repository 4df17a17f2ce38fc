using Synclets.Conformance.Typed;
using Synclets.Sqlite.Tests.Support;

namespace Synclets.Sqlite.Tests.Typed;

/// <summary>What the typed tables mirror, and what they must not mistake for a change or a table.</summary>
public sealed class TypedMirrorTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task An_integer_in_a_real_column_is_not_an_external_change()
    {
        var (synclet, data) = await TypedSynclets.CreateTodosAsync(_directory.NewDatabase());
        await using var _ = synclet;
        await synclet.SetAtomAsync(new Address("t1", "score"), 5);
        var meta = await synclet.GetMetaAsync();

        Assert.Equal(0, await data.SyncChangedAsync());
        Assert.Equal(meta, await synclet.GetMetaAsync());
    }

    [Fact]
    public async Task A_local_write_its_typed_column_cannot_hold_is_kept_not_deleted()
    {
        var (synclet, data) = await TypedSynclets.CreateTodosAsync(_directory.NewDatabase());
        await using var _ = synclet;
        await synclet.SetAtomAsync(new Address("t1", "done"), "yes");

        Assert.Equal(0, await data.SyncChangedAsync());
        Assert.Equal("yes", await synclet.GetAtomAsync(new Address("t1", "done")));
    }

    [Theory]
    [InlineData("synclets_tree")]
    [InlineData("SYNCLETS_HASHES")]
    public void A_typed_table_named_like_a_tree_table_is_refused(string tableId)
    {
        var schema = Synclets.Typed.SyncletSchema.ForTables(new Dictionary<string, Synclets.Typed.ISyncletTableMap> { [tableId] = ScenarioMap.Row });
        var error = Assert.Throws<ArgumentException>(() => SqliteStore.ForFile(_directory.NewDatabase()).CreateConnectors(schema));
        Assert.Contains("SQL names ignore case", error.Message);
    }

    [Fact]
    public async Task Finding_external_changes_in_a_private_in_memory_database_fails_clearly()
    {
        var (data, meta) = new SqliteStore("Data Source=:memory:").CreateConnectors(ScenarioMap.Row);
        await using var synclet = await Synclet.CreateAsync(new SyncletComponents(data, meta));
        await synclet.SetAtomAsync(new Address("k", "a"), "x");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => data.SyncChangedAsync());
        Assert.Contains("use a database file", error.Message);
        Assert.Equal("x", (await synclet.GetAtomAsync(new Address("k", "a")))!.Value.AsString());
    }

    public void Dispose() => _directory.Dispose();
}
