using Synclets;
using Synclets.Connectors.Memory;
using Synclets.WebSockets.Client;

// Joins the room at args[0], writes greeting = args[1], and exits once a peer's "reply" atom arrives.
var room = new Uri(args[0]);
var replied = new TaskCompletionSource();
await using var synclet = await Synclet.CreateAsync(
    new SyncletComponents(new MemoryDataConnector(1), new MemoryMetaConnector(1), new WsClientTransport(room)),
    options: new SyncletOptions { Id = "client-only" });
synclet.AtomChanged += (_, change) =>
{
    if (change.Address == new Address("reply"))
    {
        replied.TrySetResult();
    }
};
await synclet.StartAsync();
await synclet.SetAtomAsync(new Address("greeting"), args[1]);
await replied.Task.WaitAsync(TimeSpan.FromSeconds(30));
Console.WriteLine($"reply: {await synclet.GetAtomAsync(new Address("reply"))}");
