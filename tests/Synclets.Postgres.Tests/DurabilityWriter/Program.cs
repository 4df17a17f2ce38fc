// Writes random atoms through a synclet over PostgreSQL (tree tables, depth 3) and reports each
// write on standard output, one line at a time:
//   begin <TAB> n <TAB> JSON [[id, id, id, atom or null], ...]   before the write is awaited
//   ack   <TAB> n <TAB> JSON [timestamp, ...]                    once its await has returned
// Atoms are written as Atom.ToString(); null deletes; an empty timestamp means the deletion found
// nothing to delete. The test kills this process at any moment, so each line goes out in a single
// write() far shorter than PIPE_BUF: a kill can lose a line, never cut one in half.
// Usage: DurabilityWriter <connection string, its Search Path naming the schema> <seed> <max writes>
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using Synclets;
using Synclets.Postgres;

var (connectionString, seed, maxWrites) = (args[0], int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture));
var random = new Random(seed);
await using var dataSource = NpgsqlDataSource.Create(connectionString);
var (data, meta) = new PostgresStore(dataSource).CreateConnectors(depth: 3);
await using var synclet = await Synclet.CreateAsync(new SyncletComponents(data, meta), options: new SyncletOptions { Id = "writer" + seed });
using var output = Console.OpenStandardOutput();
Report("ready");

for (int write = 0, index = 0; write < maxWrites; index++)
{
    // Mostly single writes and deletions; every third or so a bulk write of several atoms in one batch.
    var count = random.Next(3) == 0 ? random.Next(2, 12) : 1;
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

    var begun = atoms.Select(pair => (string?[])[.. pair.Key, pair.Value?.ToString()]).ToArray();
    Report($"begin\t{index}\t{JsonSerializer.Serialize(begun)}");
    if (atoms.Count == 1 && atoms.Single() is var (single, value))
    {
        await (value is { } atom ? synclet.SetAtomAsync(single, atom) : synclet.DelAtomAsync(single));
    }
    else
    {
        await synclet.SetAtomsAsync(atoms);
    }

    var timestamps = new List<string>();
    foreach (var address in atoms.Keys)
    {
        timestamps.Add(await meta.ReadTimestampAsync(address));
    }

    Report($"ack\t{index}\t{JsonSerializer.Serialize(timestamps)}");
    write += atoms.Count;
}

void Report(string line)
{
    output.Write(Encoding.UTF8.GetBytes(line + "\n"));
    output.Flush();
}
