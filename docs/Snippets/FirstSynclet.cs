using Synclets;
using Synclets.Connectors.Memory;
using Synclets.Transports.Memory;

namespace Snippets;

internal static class FirstSynclet
{
    public static async Task RunAsync()
    {
        #region readme: first-synclet
        // Two synclets of depth 3 ([table, row, column]) in the same in-memory pool.
        await using var alice = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(depth: 3), new MemoryMetaConnector(depth: 3), new MemoryTransport("room1")),
            options: new SyncletOptions { Id = "alice" });
        await using var bob = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(depth: 3), new MemoryMetaConnector(depth: 3), new MemoryTransport("room1")),
            options: new SyncletOptions { Id = "bob" });

        var arrived = new TaskCompletionSource();
        bob.AtomChanged += (_, change) =>
        {
            Console.WriteLine($"{change.Origin}: {change.Address} = {change.NewAtom}");   // Remote: todos/t1/title = "Buy milk"
            arrived.TrySetResult();
        };
        await alice.StartAsync();
        await bob.StartAsync();

        await alice.SetAtomAsync(new Address("todos", "t1", "title"), "Buy milk");
        await arrived.Task;                                                           // bob has it now
        Atom? title = await bob.GetAtomAsync(new Address("todos", "t1", "title"));
        DataTree data = await bob.GetDataAsync();                                     // nested read-only dictionaries
        await alice.DelAtomAsync(new Address("todos", "t1", "title"));               // deletions sync too
        #endregion
    }
}
