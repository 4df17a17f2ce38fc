extern alias V1;
using Synclets.Conformance.Support;
using Synclets.Sqlite.Tests.Support;

namespace Synclets.Sqlite.Tests.Typed;

/// <summary>Rows other code writes to a typed table are adopted by SyncChangedAsync: fresh timestamps, sent to peers.</summary>
public sealed class ExternalChangeTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Inserts_updates_and_deletes_by_other_code_reach_a_peer()
    {
        var path = _directory.NewDatabase();
        var pool = Guid.NewGuid().ToString("N");
        var (synclet, data) = await TypedSynclets.CreateTodosAsync(path, "typed", pool);
        await using var _ = synclet;
        await using var peer = await SqliteSynclets.CreateMemoryAsync(2, "peer", pool);
        await synclet.SetAtomAsync(new Address("t1", "title"), "Buy milk");
        await synclet.SetAtomAsync(new Address("t1", "done"), false);
        await synclet.SetAtomAsync(new Address("t2", "title"), "Walk");
        await Task.WhenAll(synclet.StartAsync(), peer.StartAsync());
        await Eventually.UntilAsync(async () => (await peer.GetDataAsync()).Equals(await synclet.GetDataAsync()), "the peer has the rows");
        var before = await synclet.GetMetaAsync();

        Probe.Execute(path, """
            UPDATE todos SET done = 1, priority = 3 WHERE id = 't1';
            DELETE FROM todos WHERE id = 't2';
            INSERT INTO todos (id, title, score) VALUES ('t3', 'From SQL', 1.25);
            """);
        Assert.Equal(5, await data.SyncChangedAsync());   // t1.done, t1.priority, t2.title, t3.title, t3.score

        await Eventually.UntilAsync(async () => await peer.GetAtomAsync(new Address("t3", "score")) == 1.25, "the inserted row reaches the peer");
        await Eventually.UntilAsync(async () => (await peer.GetDataAsync()).Equals(await synclet.GetDataAsync()) && (await peer.GetMetaAsync()).Equals(await synclet.GetMetaAsync()), "both converge");
        Assert.Equal(true, await peer.GetAtomAsync(new Address("t1", "done")));
        Assert.Equal(3, await peer.GetAtomAsync(new Address("t1", "priority")));
        Assert.Null(await peer.GetAtomAsync(new Address("t2", "title")));
        Assert.Equal("From SQL", await peer.GetAtomAsync(new Address("t3", "title")));
        Assert.Null(await peer.GetAtomAsync(new Address("t3", "done")));

        var after = await synclet.GetMetaAsync();
        Assert.True(after.TryGetLeaf(new Address("t1", "done"), out var fresh) && before.TryGetLeaf(new Address("t1", "done"), out var old) && string.CompareOrdinal(fresh, old) > 0);
        Assert.True(after.TryGetLeaf(new Address("t2", "title"), out var tombstone) && tombstone.Length > 0);
        Assert.Equal(0, await data.SyncChangedAsync());
    }

    [Fact]
    public async Task Adopted_changes_raise_AtomChanged_and_RowChanged_as_external_with_both_values()
    {
        var path = _directory.NewDatabase();
        var (data, meta) = SqliteStore.ForFile(path).CreateConnectors(V1::Notes.NoteTableMap.Instance);
        await using var notes = await V1::Notes.NoteSynclet.CreateAsync(new SyncletComponents(data, meta));
        await V1::Notes.NoteSyncletTableExtensions.SetAsync(notes, new V1::Notes.Note("n1", "Buy milk", 1));
        await V1::Notes.NoteSyncletTableExtensions.SetAsync(notes, new V1::Notes.Note("n2", "Walk", 2));
        var atoms = new List<AtomChangedEventArgs>();
        var rows = new List<Synclets.Typed.RowChangedEventArgs>();
        notes.Synclet.AtomChanged += (_, change) => atoms.Add(change);
        notes.RowChanged += (_, change) => rows.Add(change);

        Probe.Execute(path, "UPDATE \"Note\" SET \"Title\" = 'Buy oat milk' WHERE \"Id\" = 'n1'; DELETE FROM \"Note\" WHERE \"Id\" = 'n2';");
        Assert.Equal(3, await data.SyncChangedAsync());   // the events ran on the queue before it returned

        Assert.Equal(
            [(new Address("n1", "Title"), (Atom?)"Buy milk", (Atom?)"Buy oat milk"), (new Address("n2", "Stars"), 2, null), (new Address("n2", "Title"), "Walk", null)],
            atoms.Select(change => (change.Address, change.OldAtom, change.NewAtom)).OrderBy(change => change.Address.ToString()));
        Assert.All(atoms, change => Assert.Equal(ChangeOrigin.External, change.Origin));
        Assert.Equal(["n1/Title", "n2/Stars", "n2/Title"], rows.Select(change => $"{change.KeyIds[0]}/{change.ColumnName}").Order());
        Assert.All(rows, change => Assert.Equal(ChangeOrigin.External, change.Origin));
    }

    [Fact]
    public async Task Nothing_changed_means_nothing_reported()
    {
        var path = _directory.NewDatabase();
        var (synclet, data) = await TypedSynclets.CreateTodosAsync(path);
        await using var _ = synclet;
        await synclet.SetAtomAsync(new Address("t1", "title"), "x");
        await synclet.SetAtomAsync(new Address("t1", "priority"), Atom.Null);
        var meta = await synclet.GetMetaAsync();

        Assert.Equal(0, await data.SyncChangedAsync());
        Assert.Equal(meta, await synclet.GetMetaAsync());
    }

    [Fact]
    public async Task Rows_present_before_the_first_attach_are_adopted()
    {
        var path = _directory.NewDatabase();
        Probe.Execute(path, "CREATE TABLE todos (id TEXT NOT NULL PRIMARY KEY, title TEXT, done INTEGER, priority INTEGER, score REAL); INSERT INTO todos VALUES ('old', 'Legacy', 1, NULL, NULL)");
        var (synclet, data) = await TypedSynclets.CreateTodosAsync(path);
        await using var _ = synclet;

        Assert.Equal(2, await data.SyncChangedAsync());
        Assert.Equal("Legacy", await synclet.GetAtomAsync(new Address("old", "title")));
        Assert.Equal(true, await synclet.GetAtomAsync(new Address("old", "done")));
        Assert.Null(await synclet.GetAtomAsync(new Address("old", "priority")));
    }

    [Fact]
    public async Task Looking_for_changes_reads_committed_rows_only_and_waits_for_no_writer()
    {
        var path = _directory.NewDatabase();
        var (synclet, data) = await TypedSynclets.CreateTodosAsync(path);
        await using var _ = synclet;
        await synclet.SetAtomAsync(new Address("t1", "title"), "before");

        using var writer = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        writer.Open();
        using var transaction = writer.BeginTransaction();   // holds the write lock until committed
        using var update = writer.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE todos SET title = 'after' WHERE id = 't1'";
        update.ExecuteNonQuery();

        Assert.Equal(0, await data.SyncChangedAsync().WaitAsync(TimeSpan.FromSeconds(10)));

        transaction.Commit();
        Assert.Equal(1, await data.SyncChangedAsync());
        Assert.Equal("after", await synclet.GetAtomAsync(new Address("t1", "title")));
    }

    public void Dispose() => _directory.Dispose();
}
