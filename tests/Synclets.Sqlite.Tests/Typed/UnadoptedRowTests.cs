using Synclets.Conformance.Support;
using Synclets.Sqlite.Tests.Support;

namespace Synclets.Sqlite.Tests.Typed;

/// <summary>A row inserted in SQL and not yet adopted by SyncChangedAsync meets a peer's deletion of one of its cells.</summary>
public sealed class UnadoptedRowTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task A_deletion_of_one_unadopted_cell_keeps_the_rest_of_the_row()
    {
        var path = _directory.NewDatabase();
        var pool = Guid.NewGuid().ToString("N");
        await using var peer = await SqliteSynclets.CreateMemoryAsync(2, "peer", pool);
        await peer.SetAtomAsync(new Address("t3", "title"), "x");
        await peer.DelAtomAsync(new Address("t3", "title"));
        var (synclet, _) = await TypedSynclets.CreateTodosAsync(path, "typed", pool);
        await using var typed = synclet;
        Probe.Execute(path, "INSERT INTO todos (id, title, score) VALUES ('t3', 'From SQL', 1.25);");

        await Task.WhenAll(typed.StartAsync(), peer.StartAsync());

        await Eventually.UntilAsync(async () => (await peer.GetMetaAsync()).Equals(await typed.GetMetaAsync()), "the deletion arrived");
        Assert.Contains(TypedSynclets.SelectAll(path), row => row.Contains("1.25", StringComparison.Ordinal));
    }

    public void Dispose() => _directory.Dispose();
}
