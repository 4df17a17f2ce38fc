using System.Collections.Concurrent;
using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.Transports.Memory;

namespace Synclets.Tests.Engine;

/// <summary>
/// An atom the receiver holds no timestamp for was never synced, but other code may have put a value
/// in the store: a remote write replaces it, a remote deletion removes it, and the change events
/// report that value as the old one.
/// </summary>
public sealed class NeverSyncedAtomTests
{
    private static readonly Address Cell = new("t", "r", "c");

    [Fact]
    public async Task A_remote_deletion_removes_a_value_other_code_put_in_the_store_and_reports_it()
    {
        await using var pair = await Pair.CreateAsync(stray: "stray", async source =>
        {
            await source.SetAtomAsync(Cell, "written");
            await source.DelAtomAsync(Cell);
        });

        await pair.SyncAsync();

        Assert.Null(await pair.Target.GetAtomAsync(Cell));
        var change = Assert.Single(pair.Changes);
        Assert.Equal(((Atom?)"stray", (Atom?)null), (change.OldAtom, change.NewAtom));
    }

    [Fact]
    public async Task A_remote_write_replaces_a_value_other_code_put_in_the_store()
    {
        await using var pair = await Pair.CreateAsync(stray: "stray", source => source.SetAtomAsync(Cell, "synced"));

        await pair.SyncAsync();

        Assert.Equal("synced", await pair.Target.GetAtomAsync(Cell));
        var change = Assert.Single(pair.Changes);
        Assert.Equal(((Atom?)"stray", (Atom?)"synced"), (change.OldAtom, change.NewAtom));
    }

    [Fact]
    public async Task A_remote_write_of_the_value_the_store_already_holds_is_no_change()
    {
        await using var pair = await Pair.CreateAsync(stray: "same", source => source.SetAtomAsync(Cell, "same"));

        await pair.SyncAsync();

        Assert.Equal("same", await pair.Target.GetAtomAsync(Cell));
        Assert.Empty(pair.Changes);
    }

    /// <summary>A source that wrote, and a target whose store holds a stray value put there beside its synclet.</summary>
    private sealed class Pair : IAsyncDisposable
    {
        private Pair(Synclet source, Synclet target)
        {
            (Source, Target) = (source, target);
            target.AtomChanged += (_, change) => Changes.Enqueue(change);
        }

        public Synclet Source { get; }

        public Synclet Target { get; }

        public ConcurrentQueue<AtomChangedEventArgs> Changes { get; } = new();

        public static async Task<Pair> CreateAsync(Atom stray, Func<Synclet, Task> write)
        {
            var pool = Guid.NewGuid().ToString("N");
            var source = await Synclet.CreateAsync(
                new SyncletComponents(new MemoryDataConnector(3), new MemoryMetaConnector(3), new MemoryTransport(pool)), options: new SyncletOptions { Id = "source" });
            await write(source);
            var targetData = new MemoryDataConnector(3);
            var target = await Synclet.CreateAsync(
                new SyncletComponents(targetData, new MemoryMetaConnector(3), new MemoryTransport(pool)), options: new SyncletOptions { Id = "target" });
            await targetData.WriteAtomAsync(Cell, stray);   // beside the synclet: no timestamp
            return new Pair(source, target);
        }

        public async Task SyncAsync()
        {
            await Source.StartAsync();
            await Target.StartAsync();
            await Eventually.UntilAsync(async () => (await Target.GetMetaAsync()).Equals(await Source.GetMetaAsync()), "the target has the source's timestamps");
        }

        public async ValueTask DisposeAsync()
        {
            await Target.DisposeAsync();
            await Source.DisposeAsync();
        }
    }
}
