using Synclets.Conformance.Typed;
using Synclets.Conformance.Support;
using Synclets.Sqlite.Tests.Support;
using Synclets.Transports.Memory;
using Synclets.Typed;

namespace Synclets.Sqlite.Tests.Typed;

/// <summary>Rows synced from a peer land in the typed tables; changes by other code are polled when asked to.</summary>
public sealed class TypedSyncTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Rows_from_a_peer_appear_in_the_typed_table_of_their_branch()
    {
        var path = _directory.NewDatabase();
        var pool = Guid.NewGuid().ToString("N");
        var (data, meta) = SqliteStore.ForFile(path).CreateConnectors(ScenarioMap.Db);
        var (typed, _) = await SchemaGuard.CreateSyncletAsync(
            new SyncletComponents(data, meta, new MemoryTransport(pool)), ScenarioMap.Db, "ScenarioDb", null, new SyncletOptions { Id = "typed" }, CancellationToken.None);
        await using var _ = typed;
        await using var peer = await SqliteSynclets.CreateMemoryAsync(3, "peer", pool);
        await peer.SetAtomAsync(new Address("left", "row1", "a"), "text");
        await peer.SetAtomAsync(new Address("left", "row1", "b"), 7);
        await peer.SetAtomAsync(new Address("right", "row2", "flag"), true);
        await Task.WhenAll(typed.StartAsync(), peer.StartAsync());
        await Eventually.UntilAsync(async () => (await typed.GetDataAsync()).Equals(await peer.GetDataAsync()), "the rows reach the typed synclet");

        Assert.Equal(["b0", "b1", "left", "right"], data.TableNames.Order(StringComparer.Ordinal));
        Assert.Equal("text|7", Probe.Scalar(path, "SELECT a || '|' || b FROM \"left\" WHERE key = 'row1'"));
        Assert.Equal(1L, Probe.Scalar(path, "SELECT flag FROM \"right\" WHERE key = 'row2'"));
        Assert.Equal(0L, Probe.Count(path, "b0"));
    }

    [Fact]
    public async Task With_a_poll_interval_changes_by_other_code_are_picked_up_without_asking()
    {
        var path = _directory.NewDatabase();
        var (data, meta) = SqliteStore.ForFile(path).CreateConnectors(TodoMap.Instance, new() { PollInterval = TimeSpan.FromMilliseconds(20) });
        await using var synclet = await Synclet.CreateAsync(new SyncletComponents(data, meta), options: new SyncletOptions { Id = "polled" });
        await synclet.SetAtomAsync(new Address("t1", "title"), "before");

        Probe.Execute(path, "UPDATE todos SET title = 'after' WHERE id = 't1'");
        await Eventually.UntilAsync(async () => await synclet.GetAtomAsync(new Address("t1", "title")) == "after", "the poll adopts the change");
    }

    public void Dispose() => _directory.Dispose();
}
