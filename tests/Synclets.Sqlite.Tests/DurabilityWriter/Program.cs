// Writes random atoms through a synclet over a SQLite file and, once each write's await has
// returned (the write is acknowledged), prints: ack <TAB> JSON array of ids <TAB> atom or "-" <TAB> timestamp.
// Given a WebSocket room, it syncs with the peers there while it writes, prints each change a peer
// sent once it is stored (got <TAB> ids <TAB> atom or "-" <TAB> timestamp), and after its writes
// keeps syncing until it is killed or its standard input closes.
// Usage: DurabilityWriter <database path> <seed> <max writes> [<room uri> <synclet id>]
using System.Text.Json;
using Synclets;
using Synclets.Sqlite;
using Synclets.Transports;
using Synclets.WebSockets.Client;

var (path, seed, maxWrites) = (args[0], int.Parse(args[1]), int.Parse(args[2]));
var room = args.Length > 3 ? new Uri(args[3]) : null;
var random = new Random(seed);
var store = SqliteStore.ForFile(path);
var transports = room is null ? new List<Transport>() : [new WsClientTransport(room, new WsClientTransportOptions { ReconnectMinDelay = TimeSpan.FromMilliseconds(20), ReconnectMaxDelay = TimeSpan.FromMilliseconds(200) })];
await using var synclet = await Synclet.CreateAsync(
    new SyncletComponents(new SqliteDataConnector(store, depth: 3), new SqliteMetaConnector(store, depth: 3), transports),
    options: new SyncletOptions { Id = args.Length > 4 ? args[4] : "writer" + seed });
synclet.AtomChanged += (_, change) =>
{
    if (change.Origin == ChangeOrigin.Remote)
    {
        Console.Out.WriteLine($"got\t{JsonSerializer.Serialize(change.Address.ToArray())}\t{(change.NewAtom is { } a ? a.ToString() : "-")}\t{change.Timestamp}");
        Console.Out.Flush();
    }
};
if (room is not null)
{
    await synclet.StartAsync();
}

Console.Out.WriteLine("ready");
Console.Out.Flush();

for (var write = 0; write < maxWrites;)
{
    // Some single writes and deletions, some bulk writes of several atoms in one batch.
    var count = random.Next(4) == 0 ? random.Next(2, 12) : 1;
    var atoms = new Dictionary<Address, Atom?>();
    for (var i = 0; i < count; i++)
    {
        var address = new Address("t" + random.Next(4), "r" + random.Next(25), "c" + random.Next(6));
        atoms[address] = random.Next(8) == 0 ? (Atom?)null : random.Next(3) switch
        {
            0 => (Atom)random.Next(),
            1 => (Atom)("text " + random.Next()),
            _ => (Atom)(random.NextDouble() * 1000),
        };
    }

    if (atoms.Count == 1 && atoms.Single() is var (single, value))
    {
        await (value is { } atom ? synclet.SetAtomAsync(single, atom) : synclet.DelAtomAsync(single));
    }
    else
    {
        await synclet.SetAtomsAsync(atoms);
    }

    // Read through the synclet, whose queue may be applying a peer's message on the same connection.
    var stored = await synclet.GetMetaAsync();
    foreach (var (address, atom) in atoms)
    {
        var timestamp = stored.TryGetLeaf(address, out var leaf) ? leaf : string.Empty;
        Console.Out.WriteLine($"ack\t{JsonSerializer.Serialize(address.ToArray())}\t{(atom is { } a ? a.ToString() : "-")}\t{timestamp}");
    }

    Console.Out.Flush();
    write += atoms.Count;
}

if (room is not null)
{
    await Console.In.ReadLineAsync();
}
