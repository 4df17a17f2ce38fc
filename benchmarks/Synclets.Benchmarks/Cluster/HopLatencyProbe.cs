using System.Diagnostics;
using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.WebSockets.Client;
using Synclets.Wire;

namespace Synclets.Benchmarks.Cluster;

/// <summary>
/// The latency of one write on a quiet system: a writer and a reader in one room (on different nodes
/// when there are several), one write at a time, each timed from the write until the reader has
/// applied it. Beside the single server, the difference is what the cluster's hop adds.
/// </summary>
internal static class HopLatencyProbe
{
    public static async Task<double[]> MeasureAsync(IReadOnlyList<ServerProcess> nodes, int writes)
    {
        var roomId = "probe-" + Guid.NewGuid().ToString("N");
        await using var writer = await StartAsync(nodes[0].RoomUri(roomId), "writer");
        await using var reader = await StartAsync(nodes[Math.Min(1, nodes.Count - 1)].RoomUri(roomId), "reader");
        TaskCompletionSource<long>? arrival = null;
        reader.AtomChanged += (_, change) =>
        {
            if (change.Origin == ChangeOrigin.Remote)
            {
                arrival?.TrySetResult(Stopwatch.GetTimestamp());
            }
        };

        // The first write also finds the route (and activates the room's grain): not measured.
        var latencies = new List<double>();
        for (var write = -1; write < writes; write++)
        {
            arrival = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var started = Stopwatch.GetTimestamp();
            await writer.SetAtomAsync(new Address("probe"), write);
            var arrived = await arrival.Task.WaitAsync(TimeSpan.FromSeconds(30));
            if (write >= 0)
            {
                latencies.Add((arrived - started) * 1000.0 / Stopwatch.Frequency);
            }
        }

        latencies.Sort();
        return [.. latencies];
    }

    private static async Task<Synclet> StartAsync(Uri room, string id)
    {
        var transport = new WsClientTransport(room, new WsClientTransportOptions { WireFormat = WireFormat.MessagePack });
        var synclet = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(1), new MemoryMetaConnector(1), transport),
            options: new SyncletOptions { Id = id });
        await synclet.StartAsync();
        var deadline = Stopwatch.GetTimestamp() + 30 * Stopwatch.Frequency;
        while (transport.State != WsConnectionState.Open && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(10);
        }

        return synclet;
    }
}
