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
