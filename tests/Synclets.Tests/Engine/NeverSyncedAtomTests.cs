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
    public async Task A_remote_deletion_removes_a_value_other_code_put_in_the_store()
    {
        var pool = Guid.NewGuid().ToString("N");
        await using var source = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(3), new MemoryMetaConnector(3), new MemoryTransport(pool)), options: new SyncletOptions { Id = "source" });
        await source.SetAtomAsync(Cell, "written");
        await source.DelAtomAsync(Cell);
        var targetData = new MemoryDataConnector(3);
        await using var target = await Synclet.CreateAsync(
            new SyncletComponents(targetData, new MemoryMetaConnector(3), new MemoryTransport(pool)), options: new SyncletOptions { Id = "target" });
        await targetData.WriteAtomAsync(Cell, "stray");   // beside the synclet: no timestamp

        await source.StartAsync();
        await target.StartAsync();

        await Eventually.UntilAsync(async () => (await target.GetMetaAsync()).Equals(await source.GetMetaAsync()), "the tombstone arrived");
        Assert.Null(await target.GetAtomAsync(Cell));
    }

    [Fact]
    public async Task A_remote_write_replaces_a_value_other_code_put_in_the_store()
    {
        var pool = Guid.NewGuid().ToString("N");
        await using var source = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(3), new MemoryMetaConnector(3), new MemoryTransport(pool)), options: new SyncletOptions { Id = "source" });
        await source.SetAtomAsync(Cell, "synced");
        var targetData = new MemoryDataConnector(3);
        await using var target = await Synclet.CreateAsync(
            new SyncletComponents(targetData, new MemoryMetaConnector(3), new MemoryTransport(pool)), options: new SyncletOptions { Id = "target" });
        await targetData.WriteAtomAsync(Cell, "stray");

        await source.StartAsync();
        await target.StartAsync();

        await Eventually.UntilAsync(async () => await target.GetAtomAsync(Cell) == "synced", "the write arrived");
        Assert.Equal(await source.GetMetaAsync(), await target.GetMetaAsync());
    }

    [Fact]
    public async Task A_remote_deletion_of_a_value_other_code_put_in_the_store_is_reported_with_that_value()
    {
        var pool = Guid.NewGuid().ToString("N");
        await using var source = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(3), new MemoryMetaConnector(3), new MemoryTransport(pool)), options: new SyncletOptions { Id = "source" });
        await source.SetAtomAsync(Cell, "written");
        await source.DelAtomAsync(Cell);
        var targetData = new MemoryDataConnector(3);
        await using var target = await Synclet.CreateAsync(
            new SyncletComponents(targetData, new MemoryMetaConnector(3), new MemoryTransport(pool)), options: new SyncletOptions { Id = "target" });
        await targetData.WriteAtomAsync(Cell, "stray");
        var changes = new ConcurrentQueue<AtomChangedEventArgs>();
        target.AtomChanged += (_, change) => changes.Enqueue(change);

        await source.StartAsync();
        await target.StartAsync();

        await Eventually.UntilAsync(async () => (await target.GetMetaAsync()).Equals(await source.GetMetaAsync()), "the tombstone arrived");
        var change = Assert.Single(changes);
        Assert.Equal(((Atom?)"stray", (Atom?)null), (change.OldAtom, change.NewAtom));
    }

    [Fact]
    public async Task A_remote_write_of_the_value_the_store_already_holds_is_no_change()
    {
        var pool = Guid.NewGuid().ToString("N");
        await using var source = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(3), new MemoryMetaConnector(3), new MemoryTransport(pool)), options: new SyncletOptions { Id = "source" });
        await source.SetAtomAsync(Cell, "same");
        var targetData = new MemoryDataConnector(3);
        await using var target = await Synclet.CreateAsync(
            new SyncletComponents(targetData, new MemoryMetaConnector(3), new MemoryTransport(pool)), options: new SyncletOptions { Id = "target" });
        await targetData.WriteAtomAsync(Cell, "same");
        var changes = new ConcurrentQueue<AtomChangedEventArgs>();
        target.AtomChanged += (_, change) => changes.Enqueue(change);

        await source.StartAsync();
        await target.StartAsync();

        await Eventually.UntilAsync(async () => (await target.GetMetaAsync()).Equals(await source.GetMetaAsync()), "the write arrived");
        Assert.Empty(changes);
    }
}
