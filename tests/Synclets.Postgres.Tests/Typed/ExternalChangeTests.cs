using Synclets.Conformance.Support;
using Synclets.Conformance.Typed;
using Synclets.Postgres.Tests.Support;

namespace Synclets.Postgres.Tests.Typed;

/// <summary>Rows other clients of the database write to a typed table are adopted by SyncChangedAsync.</summary>
public sealed class ExternalChangeTests : IAsyncLifetime
{
    private ScratchSchema _schema = null!;

    public async Task InitializeAsync() => _schema = await ScratchSchema.CreateAsync();

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task Inserts_updates_and_deletes_by_another_client_get_fresh_timestamps()
    {
        var (data, meta) = new PostgresStore(_schema.DataSource).CreateConnectors(ScenarioMap.Row);
        await using var synclet = await Synclet.CreateAsync(new SyncletComponents(data, meta), options: new SyncletOptions { Id = "typed" });
        await synclet.SetAtomAsync(new Address("r1", "a"), "kept");
        await synclet.SetAtomAsync(new Address("r1", "b"), 1);
        await synclet.SetAtomAsync(new Address("r2", "a"), "to delete");
        var before = await synclet.GetMetaAsync();

        await _schema.ExecuteAsync("""
            UPDATE scenario_rows SET b = 7, flag = true WHERE key = 'r1';
            DELETE FROM scenario_rows WHERE key = 'r2';
            INSERT INTO scenario_rows (key, a, ratio) VALUES ('r3', 'from SQL', 1.25);
            """);

        Assert.Equal(5, await data.SyncChangedAsync());   // r1.b, r1.flag, r2.a, r3.a, r3.ratio
        Assert.Equal(7, await synclet.GetAtomAsync(new Address("r1", "b")));
        Assert.Equal(true, await synclet.GetAtomAsync(new Address("r1", "flag")));
        Assert.Null(await synclet.GetAtomAsync(new Address("r2", "a")));
        Assert.Equal(1.25, await synclet.GetAtomAsync(new Address("r3", "ratio")));
        var after = await synclet.GetMetaAsync();
        Assert.True(after.TryGetLeaf(new Address("r1", "b"), out var fresh) && before.TryGetLeaf(new Address("r1", "b"), out var old) && string.CompareOrdinal(fresh, old) > 0);
        Assert.True(after.TryGetLeaf(new Address("r2", "a"), out var tombstone) && tombstone.Length > 0);
        Assert.Equal(0, await data.SyncChangedAsync());
    }
}
