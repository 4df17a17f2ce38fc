using Synclets.Connectors.Memory;
using Synclets.Transports;
using Synclets.Wire;

namespace Synclets.Benchmarks;

/// <summary>
/// Counts what crosses the wire (not time, so no BenchmarkDotNet): bytes and messages per atom of
/// an initial sync, and the size of one local write's message, in each format.
/// </summary>
internal static class WireReport
{
    public static async Task PrintAsync()
    {
        Console.WriteLine("| format | atoms | depth | bytes/atom (initial) | messages (initial) | one write: messages | one write: bytes |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var jsonBytes = 0.0;
        foreach (var format in new[] { WireFormat.Json, WireFormat.MessagePack })
        {
            foreach (var depth in new[] { 1, 3 })
            {
                foreach (var atoms in new[] { 10_000, 100_000 })
                {
                    var (bytesPerAtom, messages, writeMessages, writeBytes) = await MeasureAsync(atoms, depth, format);
                    if (format == WireFormat.Json && depth == 3 && atoms == 100_000)
                    {
                        jsonBytes = bytesPerAtom;
                    }

                    var ratio = format == WireFormat.MessagePack && depth == 3 && atoms == 100_000 && jsonBytes > 0
                        ? $" ({bytesPerAtom / jsonBytes:P0} of JSON)"
                        : "";
                    Console.WriteLine($"| {format} | {atoms:N0} | {depth} | {bytesPerAtom:F1}{ratio} | {messages} | {writeMessages} | {writeBytes} |");
                }
            }
        }
    }

    private static async Task<(double BytesPerAtom, long Messages, long WriteMessages, long WriteBytes)> MeasureAsync(int atoms, int depth, WireFormat format)
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
        await source.GetDataAsync(); // let the last replies drain before reading the counters
        var bytes = Sent(sourceTransport).Bytes + Sent(targetTransport).Bytes;
        var messages = Sent(sourceTransport).Messages + Sent(targetTransport).Messages;

        var before = Sent(sourceTransport);
        var arrived = Workload.RemoteChanges(target, 1);
        await source.SetAtomAsync(Workload.AddressOf(7, depth), "changed");
        await arrived;
        var after = Sent(sourceTransport);
        return ((double)bytes / atoms, messages, after.Messages - before.Messages, after.Bytes - before.Bytes);
    }

    private static (long Bytes, long Messages) Sent(Transport transport) =>
        (transport.Statistics.BytesSent, transport.Statistics.MessagesSent);
}
