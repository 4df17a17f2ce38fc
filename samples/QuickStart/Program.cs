// Two synclets, each with its own store, kept in step over an in-process transport.
using Synclets;
using Synclets.Connectors.Memory;
using Synclets.Transports.Memory;

await using var synclet1 = await CreateAsync("synclet1");
await using var synclet2 = await CreateAsync("synclet2");
await synclet1.StartAsync();
await synclet2.StartAsync();

var fooArrived = ArrivalOf(synclet2, new Address("foo"));
await synclet1.SetAtomAsync(new Address("foo"), "bar");
await fooArrived;

var answerArrived = ArrivalOf(synclet1, new Address("answer"));
await synclet2.SetAtomAsync(new Address("answer"), 42);
await answerArrived;

Console.WriteLine($"synclet1 data: {await synclet1.GetDataAsync()}");
Console.WriteLine($"synclet2 data: {await synclet2.GetDataAsync()}");

static Task<Synclet> CreateAsync(string id) => Synclet.CreateAsync(
    new SyncletComponents(new MemoryDataConnector(depth: 1), new MemoryMetaConnector(depth: 1), new MemoryTransport("quickstart")),
    options: new SyncletOptions { Id = id });

// Completes when a peer's change to the address has been stored: an event, not a guess at how long sync takes.
static Task ArrivalOf(Synclet synclet, Address address)
{
    var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    synclet.AtomChanged += (_, change) =>
    {
        if (change.Address == address && change.Origin == ChangeOrigin.Remote)
        {
            arrived.TrySetResult();
        }
    };
    return arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
}
