using Synclets.Connectors;
using Synclets.Sqlite.Tests.Support;

namespace Synclets.Sqlite.Tests.Store;

/// <summary>The data and meta connectors of one store share one transaction per batch.</summary>
public sealed class SharedTransactionTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private string _path = string.Empty;
    private SqliteDataConnector _data = null!;
    private SqliteMetaConnector _meta = null!;
    private Synclet _synclet = null!;

    private static readonly Address Leaf = new("table", "row", "cell");

    public async Task InitializeAsync()
    {
        _path = _directory.NewDatabase();
        var store = SqliteStore.ForFile(_path);
        (_data, _meta) = (new SqliteDataConnector(store, 3), new SqliteMetaConnector(store, 3));
        _synclet = await Synclet.CreateAsync(new SyncletComponents(_data, _meta), options: new SyncletOptions { Id = "tx" });
    }

    [Fact]
    public async Task Nothing_is_visible_until_the_last_participant_commits()
    {
        await _data.BeginBatchAsync();
        await _meta.BeginBatchAsync();
        await _data.WriteAtomAsync(Leaf, "value");
        await _meta.WriteTimestampAsync(Leaf, "0000000000000001");
        await _meta.WriteHashAsync(Address.Root, 7);

        await _data.CommitBatchAsync();
        Assert.Equal(0, Probe.Count(_path, "synclets_tree"));
        Assert.Equal(0, Probe.Count(_path, "synclets_hashes"));

        await _meta.CommitBatchAsync();
        Assert.Equal(1, Probe.Count(_path, "synclets_tree"));
        Assert.Equal(1, Probe.Count(_path, "synclets_hashes"));
    }

    [Fact]
    public async Task A_rollback_after_the_other_participant_committed_undoes_both()
    {
        await _data.BeginBatchAsync();
        await _meta.BeginBatchAsync();
        await _data.WriteAtomAsync(Leaf, "value");
        await _meta.WriteTimestampAsync(Leaf, "0000000000000001");
        await _data.CommitBatchAsync();
        await _meta.RollbackBatchAsync();
        await _data.RollbackBatchAsync();

        Assert.Equal(0, Probe.Count(_path, "synclets_tree"));
        Assert.Null(await _data.ReadAtomAsync(Leaf));
    }

    [Fact]
    public async Task A_participant_cannot_commit_what_another_rolled_back()
    {
        await _data.BeginBatchAsync();
        await _meta.BeginBatchAsync();
        await _data.WriteAtomAsync(Leaf, "value");
        await _meta.RollbackBatchAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _data.CommitBatchAsync());
        Assert.Contains("rolled the shared transaction back", error.Message);
        Assert.Equal(0, Probe.Count(_path, "synclets_tree"));
    }

    [Fact]
    public async Task A_batch_reads_its_own_writes_before_they_are_flushed()
    {
        await _data.BeginBatchAsync();
        await _meta.BeginBatchAsync();
        await _data.WriteAtomAsync(Leaf, "value");
        await _data.WriteAtomAsync(Leaf.Parent.Append("other"), 1);
        await _data.RemoveAtomAsync(Leaf.Parent.Append("other"));
        await _meta.WriteTimestampAsync(Leaf, "0000000000000001");

        Assert.Equal("value", await _data.ReadAtomAsync(Leaf));
        Assert.Null(await _data.ReadAtomAsync(Leaf.Parent.Append("other")));
        Assert.Equal(new Dictionary<string, Atom> { ["cell"] = "value" }, await _data.ReadAtomsAsync(Leaf.Parent));
        Assert.Equal(["table"], await _data.ReadChildIdsAsync(Address.Root));
        Assert.Equal("0000000000000001", await _meta.ReadTimestampAsync(Leaf));
        Assert.Equal(["row"], await _meta.ReadChildIdsAsync(new Address("table")));

        await _data.CommitBatchAsync();
        await _meta.CommitBatchAsync();
        Assert.Equal(1, Probe.Count(_path, "synclets_tree"));
    }

    [Fact]
    public async Task Leaf_parents_read_together_still_show_the_batchs_own_writes()
    {
        var table = new Address("table");
        await _data.BeginBatchAsync();
        await _meta.BeginBatchAsync();
        await _meta.WriteTimestampAsync(table.Append("r1").Append("c"), "0000000000000001");
        await _data.CommitBatchAsync();
        await _meta.CommitBatchAsync();

        await _data.BeginBatchAsync();
        await _meta.BeginBatchAsync();
        _meta.ExpectLeafParents(table, ["r1", "r2", "r3"]);
        // Held back when r1's listing is read, together with r2's and r3's.
        await _meta.WriteTimestampAsync(table.Append("r2").Append("c"), "0000000000000002");
        Assert.Equal(new Dictionary<string, string> { ["c"] = "0000000000000001" }, await _meta.ReadTimestampsAsync(table.Append("r1")));
        // Written after that read: r3's listing must not be the one read before it.
        await _meta.WriteTimestampAsync(table.Append("r3").Append("c"), "0000000000000003");
        await _data.WriteAtomAsync(table.Append("r3").Append("c"), "three");

        Assert.Equal(new Dictionary<string, string> { ["c"] = "0000000000000002" }, await _meta.ReadTimestampsAsync(table.Append("r2")));
        Assert.Equal(new Dictionary<string, string> { ["c"] = "0000000000000003" }, await _meta.ReadTimestampsAsync(table.Append("r3")));
        Assert.Equal(new Dictionary<string, Atom> { ["c"] = "three" }, await _data.ReadAtomsAsync(table.Append("r3")));
        await _data.CommitBatchAsync();
        await _meta.CommitBatchAsync();
        Assert.Equal(3, Probe.Count(_path, "synclets_tree"));
    }

    [Fact]
    public async Task A_batch_remembers_a_bounded_number_of_leaf_parents()
    {
        var table = new Address("table");
        var rows = Enumerable.Range(0, 3 * Synclets.Relational.LeafRows.MaxRememberedListings).Select(row => "r" + row).ToList();
        await _data.BeginBatchAsync();
        await _meta.BeginBatchAsync();
        _meta.ExpectLeafParents(table, rows);
        foreach (var row in rows)
        {
            Assert.Empty(await _meta.ReadTimestampsAsync(table.Append(row)));
            Assert.InRange(_meta.Rows.RememberedListings, 1, Synclets.Relational.LeafRows.MaxRememberedListings);
        }

        await _data.CommitBatchAsync();
        await _meta.CommitBatchAsync();
        Assert.Equal(0, _meta.Rows.RememberedListings);
    }

    [Fact]
    public async Task A_store_serves_one_synclet()
    {
        var store = SqliteStore.ForFile(_directory.NewDatabase());
        await using var first = await Synclet.CreateAsync(
            new SyncletComponents(new SqliteDataConnector(store, 1), new SqliteMetaConnector(store, 1)), options: new SyncletOptions { Id = "first" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Synclet.CreateAsync(
            new SyncletComponents(new SqliteDataConnector(store, 1, new() { Scope = "second" }), new SqliteMetaConnector(store, 1, new() { Scope = "second" })),
            options: new SyncletOptions { Id = "second" }));
        Assert.Contains("already serves synclet 'first'", error.Message);
    }

    public async Task DisposeAsync()
    {
        await _synclet.DisposeAsync();
        _directory.Dispose();
    }
}
