using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Sample;
using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.Transports.Memory;
using Synclets.Typed;

namespace Synclets.Tests.Reliability;

/// <summary>A writer whose value loses to a peer's later, different one is told, with both values and timestamps.</summary>
public sealed class AtomConflictTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000));
    private readonly string _pool = Guid.NewGuid().ToString("N");
    private readonly List<IAsyncDisposable> _owned = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
    }

    [Fact]
    public async Task Of_two_offline_writes_the_losing_writer_is_told()
    {
        var (a, aConflicts) = await CreateAsync("a");
        var (b, bConflicts) = await CreateAsync("b");
        var (c, cConflicts) = await CreateAsync("c");
        var x = new Address("t", "x");
        await a.SetAtomAsync(x, "from a");
        _time.Advance(TimeSpan.FromSeconds(1));
        await b.SetAtomAsync(x, "from b");
        var (aTime, bTime) = (await TimestampAsync(a, x), await TimestampAsync(b, x));

        await c.StartAsync();
        await a.StartAsync();
        await b.StartAsync();
        await Eventually.UntilAsync(async () => await a.GetAtomAsync(x) == "from b" && await c.GetAtomAsync(x) == "from b", "b's later write wins everywhere");
        await b.SyncAsync();
        await Eventually.UntilAsync(async () => (await a.GetMetaAsync()).Equals(await b.GetMetaAsync()) && (await b.GetMetaAsync()).Equals(await c.GetMetaAsync()), "all three converge");

        var lost = Assert.Single(aConflicts);
        Assert.Equal((x, "from a", aTime, "from b", bTime), (lost.Address, lost.LocalAtom!.Value.AsString(), lost.LocalTimestamp, lost.RemoteAtom!.Value.AsString(), lost.RemoteTimestamp));

        // b's value reaches a from b or through c, whichever a's queue takes first: senders take turns.
        Assert.Contains(lost.Peer, new[] { "b", "c" });
        Assert.Equal(1, a.Statistics.Conflicts);
        Assert.Empty(bConflicts); // b's value won: nothing of b's was replaced
        Assert.Empty(cConflicts); // c wrote nothing: values merely passing through are not its conflicts
    }

    [Fact]
    public async Task A_deletion_meeting_a_value_is_a_conflict_and_equal_values_are_not()
    {
        var (a, aConflicts) = await CreateAsync("a");
        var (b, bConflicts) = await CreateAsync("b");
        var (gone, same) = (new Address("t", "gone"), new Address("t", "same"));
        await a.SetAtomAsync(gone, 1);
        await a.SetAtomAsync(same, "equal");
        await a.StartAsync();
        await b.StartAsync();
        await Eventually.UntilAsync(async () => await b.GetAtomAsync(gone) == 1, "b holds a's atom");
        await b.StopAsync();
        await a.StopAsync();

        await a.SetAtomAsync(gone, 2);
        await a.SetAtomAsync(same, "equal again");
        _time.Advance(TimeSpan.FromSeconds(1));
        await b.DelAtomAsync(gone);
        await b.SetAtomAsync(same, "equal again");
        await a.StartAsync();
        await b.StartAsync();

        await Eventually.UntilAsync(async () => await a.GetAtomAsync(gone) is null, "b's later deletion wins at a");
        await Eventually.UntilAsync(() => Task.FromResult(!aConflicts.IsEmpty), "a is told");
        await Eventually.UntilAsync(async () => (await a.GetMetaAsync()).Equals(await b.GetMetaAsync()), "a and b converge");
        var conflict = Assert.Single(aConflicts);
        Assert.Equal((gone, (Atom?)2, (Atom?)null), (conflict.Address, conflict.LocalAtom, conflict.RemoteAtom));
        Assert.Empty(bConflicts);
    }

    [Fact]
    public async Task Typed_tables_report_conflicts_by_row_and_column()
    {
        var a = await TodoSynclet.CreateAsync(Parts(), options: Options("a"));
        var b = await TodoSynclet.CreateAsync(Parts(), options: Options("b"));
        _owned.Add(a);
        _owned.Add(b);
        var conflicts = new ConcurrentQueue<RowConflictEventArgs<Todo>>();
        a.RowConflict += (_, _) => throw new InvalidOperationException("a broken handler before ours");
        a.RowConflict += (_, conflict) => conflicts.Enqueue(conflict);

        await a.SetAsync(new Todo("t1", "Milk", false, 3, Priority.Low));
        _time.Advance(TimeSpan.FromSeconds(1));
        await b.SetAsync(new Todo("t1", "Oat milk", false, 5, Priority.Low));
        await a.StartAsync();
        await b.StartAsync();

        await Eventually.UntilAsync(() => Task.FromResult(conflicts.Any(conflict => conflict.ColumnName == "Title")), "a is told about the title");
        var title = conflicts.First(conflict => conflict.ColumnName == "Title");
        Assert.Equal(["t1"], title.KeyIds);
        Assert.Equal(("Milk", "Oat milk"), title.TitleValues());
        await Eventually.UntilAsync(() => Task.FromResult(conflicts.Any(conflict => conflict.ColumnName == "Priority")), "a is told about the priority");
        Assert.Equal((3, 5), conflicts.First(conflict => conflict.ColumnName == "Priority").PriorityValues());
        var wrongColumn = Assert.Throws<ArgumentException>(() => title.DoneValues());
        Assert.Contains("on column 'Title', not 'Done'", wrongColumn.Message);
        Assert.DoesNotContain(conflicts, conflict => conflict.ColumnName is "Done" or "Level"); // equal values met: no conflict
        Assert.Equal("Oat milk", await a.GetTitleAsync("t1"));
    }

    private async Task<(Synclet Synclet, ConcurrentQueue<AtomConflictEventArgs> Conflicts)> CreateAsync(string id)
    {
        var synclet = await Synclet.CreateAsync(Parts(), options: Options(id));
        _owned.Add(synclet);
        var conflicts = new ConcurrentQueue<AtomConflictEventArgs>();
        synclet.AtomConflict += (_, conflict) => conflicts.Enqueue(conflict);
        return (synclet, conflicts);
    }

    private SyncletComponents Parts() => new(new MemoryDataConnector(2), new MemoryMetaConnector(2), new MemoryTransport(_pool));

    private SyncletOptions Options(string id) => new() { Id = id, TimeProvider = _time };


    private static async Task<string> TimestampAsync(Synclet synclet, Address address)
    {
        Assert.True((await synclet.GetMetaAsync()).TryGetLeaf(address, out var timestamp));
        return timestamp;
    }
}
