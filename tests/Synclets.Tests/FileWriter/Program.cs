// Writes batches of 50 atoms (depth 2) through file connectors, from the batch number given on,
// and prints "acked N" once batch N is stored; runs until killed.
using System.Globalization;
using Synclets;
using Synclets.Connectors.Files;

var (dataFile, metaFile, first) = (args[0], args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
await using var synclet = await Synclet.CreateAsync(new SyncletComponents(new FileDataConnector(dataFile, 2), new FileMetaConnector(metaFile, 2)));
for (var batch = first; ; batch++)
{
    var row = "b" + batch.ToString(CultureInfo.InvariantCulture);
    await synclet.SetAtomsAsync(Enumerable.Range(0, 50).Select(cell => KeyValuePair.Create(new Address(row, "c" + cell), (Atom?)batch)));
    Console.WriteLine($"acked {batch}");
}
