// Two synclets, each on its own SQLite file, kept in step through one WebSocket server.
// --keep leaves the two database files behind to look at; --postgres "<connection string>" puts
// synclet 1 on PostgreSQL instead (its tables are created in that database, or checked if present).
using Npgsql;
using Synclets;
using Synclets.Connectors;
using Synclets.Postgres;
using Synclets.Sqlite;
using Synclets.WebSockets.Client;
using Synclets.WebSockets.Server;

const int Depth = 1; // [key]: a key/value store
var keep = args.Contains("--keep");
var postgresAt = Array.IndexOf(args, "--postgres") + 1;
var postgres = postgresAt > 0 && postgresAt < args.Length ? args[postgresAt] : null;
if (args.Length != (keep ? 1 : 0) + (postgres is null ? 0 : 2))
{
    Console.Error.WriteLine("usage: QuickStart [--keep] [--postgres \"<connection string>\"]");
    return 1;
}

var directory = Directory.CreateTempSubdirectory("synclets-quickstart-");
try
{
    // Port 0: the system picks a free one, so the sample never collides with anything already running.
    await using var server = await WsServer.StartAsync("http://127.0.0.1:0");
    var room = new Uri(server.Url!, "quickstart");

    // A synclet only sees its connectors: putting synclet 1 on PostgreSQL changes the store1 line alone.
    await using var postgresSource = postgres is null ? null : NpgsqlDataSource.Create(postgres);
    (DataConnector, MetaConnector) store1 = postgresSource is null
        ? SqliteStore.ForFile(Path.Combine(directory.FullName, "synclet1.db")).CreateConnectors(Depth)
        : new PostgresStore(postgresSource).CreateConnectors(Depth);
    (DataConnector, MetaConnector) store2 = SqliteStore.ForFile(Path.Combine(directory.FullName, "synclet2.db")).CreateConnectors(Depth);
    await using var synclet1 = await CreateAsync("synclet1", store1, room);
    await using var synclet2 = await CreateAsync("synclet2", store2, room);
    await synclet1.StartAsync();
    await synclet2.StartAsync();

    var arrived = ArrivalAsync(synclet2, new Address("foo"));
    await synclet1.SetAtomAsync(new Address("foo"), "bar");
    await arrived;
    Console.WriteLine($"synclet 2 data: {await synclet2.GetDataAsync()}");
}
finally
{
    // Disposing the synclets closed their files, so the directory can go.
    if (keep)
    {
        Console.WriteLine($"SQLite files kept in {directory.FullName}");
    }
    else
    {
        directory.Delete(recursive: true);
    }
}

return 0;

static Task<Synclet> CreateAsync(string id, (DataConnector Data, MetaConnector Meta) store, Uri room) => Synclet.CreateAsync(
    new SyncletComponents(store.Data, store.Meta, new WsClientTransport(room)),
    options: new SyncletOptions { Id = id });

// Completes when a peer's change to the address has been stored: an event, not a guess at how long sync takes.
static Task ArrivalAsync(Synclet synclet, Address address)
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
