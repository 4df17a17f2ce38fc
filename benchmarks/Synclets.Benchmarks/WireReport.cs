using Synclets.Connectors.Memory;
using Synclets.Wire;

namespace Synclets.Benchmarks;

/// <summary>
/// Counts what crosses the wire (not time, so no BenchmarkDotNet): bytes and messages per atom of
/// an initial sync and of an offline-both sync (without conflicts, and with 1% of the atoms written
/// on both sides), and the size of one local write's message, in each format. Counts come from the transports' statistics (see <see cref="WireCounts"/>).
/// </summary>
internal static class WireReport
{
    private const int OfflineRuns = 5;
    private static readonly WireFormat[] Formats = [WireFormat.Json, WireFormat.MessagePack];
    private static readonly int[] Sizes = [10_000, 100_000];

    public static async Task PrintAsync(MetricsFile metrics)
    {
        await PrintInitialAsync(metrics);
        Console.WriteLine();
        await PrintOfflineBothAsync(metrics);
    }

    private static async Task PrintInitialAsync(MetricsFile metrics)
    {
        Console.WriteLine("| format | atoms | depth | bytes/atom (initial) | messages (initial) | one write: messages | one write: bytes |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var jsonBytes = 0.0;
        foreach (var format in Formats)
        {
            foreach (var depth in new[] { 1, 3 })
            {
                foreach (var atoms in Sizes)
                {
                    var (bytesPerAtom, messages, writeMessages, writeBytes) = await MeasureInitialAsync(atoms, depth, format);
                    if (format == WireFormat.Json && depth == 3 && atoms == 100_000)
                    {
                        jsonBytes = bytesPerAtom;
                    }

                    if (depth == 3)
                    {
                        var name = $"wire.initial.{format}.{atoms}";
                        metrics.Write(name + ".bytes_per_atom", bytesPerAtom);
                        metrics.Write(name + ".messages", messages);
                        metrics.Write($"wire.write.{format}.{atoms}.messages", writeMessages);
                        metrics.Write($"wire.write.{format}.{atoms}.bytes", writeBytes);
                    }

                    var ratio = format == WireFormat.MessagePack && depth == 3 && atoms == 100_000 && jsonBytes > 0
                        ? $" ({bytesPerAtom / jsonBytes:P0} of JSON)"
                        : "";
                    Console.WriteLine($"| {format} | {atoms:N0} | {depth} | {bytesPerAtom:F1}{ratio} | {messages} | {writeMessages} | {writeBytes} |");
                }
            }
        }
    }

    private static async Task PrintOfflineBothAsync(MetricsFile metrics)
    {
        // Both peers start in step, yet what each has read when it answers varies from run to run:
        // so several runs, shown as the median and the worst.
        Console.WriteLine($"| format | atoms (half written by each peer offline) | conflicts | bytes/atom (offline-both): median | worst of {OfflineRuns} | messages: median | worst |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var conflicts in new[] { false, true })
        {
            foreach (var format in Formats)
            {
                foreach (var atoms in Sizes)
                {
                    var runs = new List<(double BytesPerAtom, long Messages)>();
                    for (var run = 0; run < OfflineRuns; run++)
                    {
                        runs.Add(await MeasureOfflineBothAsync(atoms, format, conflicts));
                    }

                    var bytes = runs.Select(run => run.BytesPerAtom).Order().ToList();
                    var messages = runs.Select(run => run.Messages).Order().ToList();
                    var name = $"wire.{(conflicts ? "offline_both_conflicts" : "offline_both")}.{format}.{atoms}";
                    metrics.Write(name + ".bytes_per_atom", bytes[OfflineRuns / 2]);
                    metrics.Write(name + ".bytes_per_atom_worst", bytes[^1]);
                    metrics.Write(name + ".messages", messages[OfflineRuns / 2]);
                    metrics.Write(name + ".messages_worst", messages[^1]);
                    Console.WriteLine($"| {format} | {atoms:N0} | {(conflicts ? "1%" : "none")} | {bytes[OfflineRuns / 2]:F1} | {bytes[^1]:F1} | {messages[OfflineRuns / 2]} | {messages[^1]} |");
                }
            }
        }
    }

    private static async Task<(double BytesPerAtom, long Messages, long WriteMessages, long WriteBytes)> MeasureInitialAsync(int atoms, int depth, WireFormat format)
    {
        var (data, meta) = await Workload.FillAsync(atoms, depth);
        var pool = Guid.NewGuid().ToString("N");
        var sourceTransport = Workload.Transport(pool, format);
        var targetTransport = Workload.Transport(pool, format);
        await using var source = await Synclet.CreateAsync(new SyncletComponents(data, meta, sourceTransport), options: new SyncletOptions { Id = "source" });
        await using var target = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(depth), new MemoryMetaConnector(depth), targetTransport),
            options: new SyncletOptions { Id = "target" });

        var synced = Workload.RemoteChanges(target, atoms);
        await source.StartAsync();
        await target.StartAsync();
        await synced;
        var (bytes, messages) = await WireCounts.SettledAsync(sourceTransport, targetTransport);

        var before = WireCounts.Sent(sourceTransport);
        var arrived = Workload.RemoteChanges(target, 1);
        await source.SetAtomAsync(Workload.AddressOf(7, depth), "changed");
        await arrived;
        var after = await WireCounts.SettledAsync(sourceTransport);
        return ((double)bytes / atoms, messages, after.Messages - before.Messages, after.Bytes - before.Bytes);
    }

    private static async Task<(double BytesPerAtom, long Messages)> MeasureOfflineBothAsync(int atoms, WireFormat format, bool conflicts)
    {
        await using var pair = await OfflinePair.CreateAsync(atoms, format,
            (new MemoryDataConnector(3), new MemoryMetaConnector(3)),
            (new MemoryDataConnector(3), new MemoryMetaConnector(3)),
            conflicts);
        await pair.SyncAsync();
        var (bytes, messages) = await WireCounts.SettledAsync(pair.TransportA, pair.TransportB);
        return ((double)bytes / atoms, messages);
    }
}
