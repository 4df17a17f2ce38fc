// The other process of the transport benchmarks. Joins a local channel or a WebSocket room with a
// memory synclet (depth 2) and answers each atom written remotely at ("ping", id) by writing at
// ("pong", id) how many atoms it has received into table "bulk" so far (so the benchmark knows a
// stream of writes arrived whole). Prints "ready" once joined; exits when standard input closes.
//   local DIRECTORY CHANNEL     or     ws URI
using System.Threading.Channels;
using Synclets;
using Synclets.Connectors.Memory;
using Synclets.Transports;
using Synclets.Transports.Local;
using Synclets.WebSockets.Client;

Transport transport = args[0] == "local"
    ? new LocalTransport(args[2], new LocalTransportOptions { Directory = args[1] })
    : new WsClientTransport(new Uri(args[1]));
await using var synclet = await Synclet.CreateAsync(new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(2), transport));

// Handlers run on the synclet's queue and must not wait on it: pings are answered from a loop of their own.
var pings = Channel.CreateUnbounded<(string Id, long Received)>();
var received = 0L;
synclet.AtomChanged += (_, change) =>
{
    if (change.Origin != ChangeOrigin.Remote)
    {
        return;
    }

    if (change.Address[0] == "bulk")
    {
        received++;
    }
    else if (change.Address[0] == "ping")
    {
        pings.Writer.TryWrite((change.Address[1], received));
    }
};
var answering = Task.Run(async () =>
{
    await foreach (var (id, count) in pings.Reader.ReadAllAsync())
    {
        await synclet.SetAtomAsync(new Address("pong", id), count);
    }
});

await synclet.StartAsync();
Console.WriteLine("ready");
await Console.In.ReadToEndAsync();
pings.Writer.Complete();
await answering;
