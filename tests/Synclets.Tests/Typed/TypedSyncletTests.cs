using System.Collections.Concurrent;
using Sample;
using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.Transports.Memory;
using Synclets.Typed;

namespace Synclets.Tests.Typed;

public class TypedSyncletTests : IAsyncLifetime
{
    private readonly string _pool = Guid.NewGuid().ToString("N");
    private readonly List<IAsyncDisposable> _owned = [];

    private SyncletComponents Components(int depth) =>
        new(new MemoryDataConnector(depth), new MemoryMetaConnector(depth), new MemoryTransport(_pool));

    private async Task<TodoSynclet> CreateTodosAsync(string id)
    {
        var synclet = await TodoSynclet.CreateAsync(Components(2), options: new SyncletOptions { Id = id });
        _owned.Add(synclet);
        return synclet;
    }

    [Fact]
    public async Task Rows_round_trip_through_typed_get_set_and_delete()
    {
        var todos = await CreateTodosAsync("a");
        var todo = new Todo("t1", "Buy milk", false, 2, Priority.High);
        await todos.SetAsync(todo);

        Assert.Equal(todo, await todos.GetAsync("t1"));
        Assert.Equal("Buy milk", await todos.GetTitleAsync("t1"));
        Assert.Equal([todo], await todos.GetAllAsync());

        await todos.DeleteAsync("t1");
        Assert.Null(await todos.GetAsync("t1"));
        Assert.Empty(await todos.GetAllAsync());
    }

    [Fact]
    public async Task Setting_a_row_writes_only_the_columns_that_changed()
    {
        var todos = await CreateTodosAsync("a");
        await todos.SetAsync(new Todo("t1", "Buy milk", false, null, Priority.Low));
        var before = (await todos.Synclet.GetMetaAsync()).Leaves().ToDictionary(leaf => leaf.Key, leaf => leaf.Value);

        await todos.SetAsync(new Todo("t1", "Buy oat milk", false, null, Priority.Low));
        var after = (await todos.Synclet.GetMetaAsync()).Leaves().ToDictionary(leaf => leaf.Key, leaf => leaf.Value);

        var changed = after.Where(leaf => before[leaf.Key] != leaf.Value).Select(leaf => leaf.Key.LastId).ToList();
        Assert.Equal(["Title"], changed);
    }

    [Fact]
    public async Task Typed_rows_sync_and_raise_row_events_on_both_sides()
    {
        var a = await CreateTodosAsync("a");
        var b = await CreateTodosAsync("b");
        var events = new ConcurrentQueue<RowChangedEventArgs>();
        b.RowChanged += (_, change) => events.Enqueue(change);
        await Task.WhenAll(a.StartAsync(), b.StartAsync());

        await a.SetAsync(new Todo("t1", "Buy milk", true, 1, Priority.High));
        await Eventually.UntilAsync(async () => await b.GetAsync("t1") is { Done: true }, "the row reaches b");
        Assert.Contains(events, change => change.Origin == ChangeOrigin.Remote && change.KeyIds.SequenceEqual(["t1"]) && change.ColumnName == "Title");
    }

    [Fact]
    public async Task A_peer_write_that_does_not_fit_the_schema_is_refused_and_counted_and_an_unknown_column_is_kept()
    {
        var typed = await CreateTodosAsync("typed");
        await using var untyped = await Synclet.CreateAsync(Components(2), options: new SyncletOptions { Id = "untyped" });
        await Task.WhenAll(typed.StartAsync(), untyped.StartAsync());

        // The first sync is over before the writes, so each bad write reaches the typed synclet once.
        await Task.WhenAll(typed.Synclet.WhenReceivedProcessedAsync(), untyped.WhenReceivedProcessedAsync());
        await untyped.SetAtomAsync(new Address("t1", "Done"), "yes");          // wrong kind
        await untyped.SetAtomAsync(new Address("t1", "Level"), "Urgent");      // not an enum name
        await untyped.SetAtomAsync(new Address("t1", "Unknown"), 1);           // not a column of this version: kept
        await untyped.SetAtomAsync(new Address("t1", "Priority"), 1L << 40);   // out of int range
        await untyped.SetAtomAsync(new Address("t1", "Title"), "fine");
        await Eventually.UntilAsync(async () => await typed.GetTitleAsync("t1") == "fine", "the valid column arrives");

        Assert.Equal(3, typed.SchemaRejections);
        Assert.Null(await typed.GetDoneAsync("t1"));
        Assert.Equal(new Todo("t1", "fine", false, null, Priority.Low), await typed.GetAsync("t1"));
        Assert.Equal(1, await typed.Synclet.GetAtomAsync(new Address("t1", "Unknown")));
        Assert.Equal(["Done", "Level", "Priority"], (await typed.GetMissingColumnsAsync(["t1"])).Order());   // the defaults above are no data
    }

    [Fact]
    public async Task Schemas_hold_several_tables_under_their_ids()
    {
        var a = await TodoDbSynclet.CreateAsync(Components(3), options: new SyncletOptions { Id = "a" });
        var b = await TodoDbSynclet.CreateAsync(Components(3), options: new SyncletOptions { Id = "b" });
        _owned.Add(a);
        _owned.Add(b);
        await Task.WhenAll(a.StartAsync(), b.StartAsync());

        await a.Todos.SetAsync(new Todo("t1", "Write docs", false, null, Priority.Low));
        await Eventually.UntilAsync(async () => await b.Todos.GetAsync("t1") is not null, "the row reaches b");
        Assert.Equal("Write docs", (await b.Synclet.GetAtomAsync(new Address("Todos", "t1", "Title")))!.Value.AsString());
    }

    [Fact]
    public async Task Connectors_of_the_wrong_depth_are_refused_with_the_schema_name()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => TodoDbSynclet.CreateAsync(Components(2)));
        Assert.StartsWith("TodoDbSynclet needs connectors of depth 3, but they have depth 2.", error.Message);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
    }
}
