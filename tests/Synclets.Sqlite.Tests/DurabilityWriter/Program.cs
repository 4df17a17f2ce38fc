// Writes random atoms through a synclet over a SQLite file and, once each write's await has
// returned (the write is acknowledged), prints: ack <TAB> JSON array of ids <TAB> atom or "-" <TAB> timestamp.
// Usage: DurabilityWriter <database path> <seed> <max writes>
using System.Text.Json;
using Synclets;
using Synclets.Sqlite;

var (path, seed, maxWrites) = (args[0], int.Parse(args[1]), int.Parse(args[2]));
var random = new Random(seed);
var store = SqliteStore.ForFile(path);
var meta = new SqliteMetaConnector(store, depth: 3);
await using var synclet = await Synclet.CreateAsync(
    new SyncletComponents(new SqliteDataConnector(store, depth: 3), meta),
    options: new SyncletOptions { Id = "writer" + seed });
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

    foreach (var (address, atom) in atoms)
    {
        var timestamp = await meta.ReadTimestampAsync(address);
        Console.Out.WriteLine($"ack\t{JsonSerializer.Serialize(address.ToArray())}\t{(atom is { } a ? a.ToString() : "-")}\t{timestamp}");
    }

    Console.Out.Flush();
    write += atoms.Count;
}
