using System.Net;
using System.Net.Sockets;
using Npgsql;
using Synclets.Conformance.Support;
using Synclets.Wire;

namespace Synclets.Benchmarks.Cluster;

/// <summary>
/// The cluster load report (<c>--cluster-load</c>): many rooms of a few clients, spread over three
/// <c>synclets serve --cluster</c> processes (membership in the PostgreSQL of <c>SYNCLETS_POSTGRES</c>),
/// beside the same workload on one <c>synclets serve</c> process, in the same run: atoms delivered
/// per second, delivery latency, and each node's resident memory, loaded and with idle rooms open.
/// </summary>
internal static class ClusterLoadReport
{
    private const int Rooms = 100;
    private const int ClientsPerRoom = 10;
    private const int AtomsPerClient = 100;
    private const int IdleRooms = 1_000;
    private const int ProbeWrites = 300;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The servers' runtime settings: the workstation GC, so that resident memory follows what a
    /// server holds (the server GC lets each core's heap grow to its budget first, hiding a room's cost).
    /// </summary>
    private static readonly Dictionary<string, string> WorkstationGc = new() { ["DOTNET_gcServer"] = "0" };

    public static async Task PrintAsync()
    {
        if (Environment.GetEnvironmentVariable("SYNCLETS_POSTGRES") is not { Length: > 0 } postgres)
        {
            Console.WriteLine("SYNCLETS_POSTGRES is not set: the cluster keeps its membership in PostgreSQL (benchmarks/cluster.sh starts one).");
            return;
        }

        Console.WriteLine($"{Rooms} rooms × {ClientsPerRoom} clients, each client writing {AtomsPerClient} atoms (one SetAtomAsync each, all at once), MessagePack, " +
                          $"clients in this process, servers as processes, {Environment.ProcessorCount} cores{LoadAverage()}. " +
                          $"Idle rooms: {IdleRooms:N0} rooms of one client each, on fresh servers, before any load. " +
                          $"One write at a time: {ProbeWrites} writes, each waited for, between two clients (on two nodes of the cluster). " +
                          "The servers run with the workstation GC, so that their resident memory follows what they hold rather than the server GC's budgets.");
        Console.WriteLine();
        Console.WriteLine("| servers | atoms delivered/s | p50 / p99 latency under load | p50 / p99 latency, one write at a time | RSS per node: fresh → idle rooms open → peak under load | per idle room (all nodes) | lost connections |");
        Console.WriteLine("|---|---:|---:|---:|---|---:|---:|");

        const string Unlimited = "100000";
        var single = await MeasureAsync("one WsServer process", [await ServerProcess.StartAsync(WorkstationGc, "--max-rooms", Unlimited, "--max-new-rooms-per-client", Unlimited)]);
        var clusterId = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var nodes = new List<ServerProcess>();
        for (var i = 0; i < 3; i++)
        {
            nodes.Add(await ServerProcess.StartAsync(WorkstationGc, "--cluster", postgres, "--cluster-id", clusterId, "--silo", $"127.0.0.1:{FreePort()}", "--max-rooms", Unlimited, "--max-new-rooms-per-client", Unlimited));
        }

        await WaitForMembersAsync(postgres, clusterId, nodes.Count);
        var cluster = await MeasureAsync("3 cluster nodes (Orleans silos)", nodes);
        Console.WriteLine();
        Console.WriteLine($"Cluster against one server: {cluster.AtomsPerSecond / single.AtomsPerSecond:0.00}× the throughput; one write at a time, p50 {cluster.QuietP50 - single.QuietP50:+0.00;-0.00} ms " +
                          $"(under load {cluster.P50 - single.P50:+0;-0} ms); " +
                          $"memory per idle room {(cluster.BytesPerIdleRoom - single.BytesPerIdleRoom) / 1024.0:+0.0;-0.0} KB (the cluster's own cost per room: grain activation, node links).");
    }

    private static async Task<Figures> MeasureAsync(string name, List<ServerProcess> nodes)
    {
        try
        {
            var fresh = nodes.Select(node => node.ResidentBytes()).ToArray();
            long[] idle;
            await using (var idleRooms = await RoomsLoad.ConnectAsync(nodes, "idle", IdleRooms, 1, AtomsPerClient, WireFormat.MessagePack))
            {
                await idleRooms.SettleAsync();
                idle = await SettledMemoryAsync(nodes);
            }

            var quiet = await HopLatencyProbe.MeasureAsync(nodes, ProbeWrites);

            // A warm-up of the same shape, so the measured run does not also time the servers' JIT.
            await using (var warmUp = await RoomsLoad.ConnectAsync(nodes, "warm-up", Rooms, ClientsPerRoom, AtomsPerClient, WireFormat.MessagePack))
            {
                await warmUp.SettleAsync();
                await warmUp.WriteUntilDeliveredAsync(Timeout);
            }

            await using var load = await RoomsLoad.ConnectAsync(nodes, "load", Rooms, ClientsPerRoom, AtomsPerClient, WireFormat.MessagePack);
            await load.SettleAsync();
            var peaks = new long[nodes.Count];
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    for (var i = 0; i < nodes.Count; i++)
                    {
                        peaks[i] = Math.Max(peaks[i], nodes[i].ResidentBytes());
                    }

                    await Task.Delay(50, CancellationToken.None);
                }
            });
            var elapsed = await load.WriteUntilDeliveredAsync(Timeout);
            await sampling.CancelAsync();
            await sampler;

            var latencies = load.SortedLatencyMilliseconds();
            var figures = new Figures(
                load.Delivered / elapsed.TotalSeconds,
                Percentile(latencies, 0.50),
                Percentile(latencies, 0.99),
                Percentile(quiet, 0.50),
                Percentile(quiet, 0.99),
                (double)(idle.Sum() - fresh.Sum()) / IdleRooms);
            var memory = string.Join("; ", nodes.Select((_, i) => $"{Mb(fresh[i])} → {Mb(idle[i])} → {Mb(peaks[i])}"));
            Console.WriteLine($"| {name} | {figures.AtomsPerSecond:N0} | {figures.P50:0} / {figures.P99:0} ms | {figures.QuietP50:0.00} / {figures.QuietP99:0.00} ms | {memory} | {figures.BytesPerIdleRoom / 1024:0.0} KB | {load.ConnectionLosses} |");
            return figures;
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>Resident memory once the servers have had a moment with nothing to do (their collections run on their own).</summary>
    private static async Task<long[]> SettledMemoryAsync(List<ServerProcess> nodes)
    {
        await Task.Delay(TimeSpan.FromSeconds(3));
        return [.. nodes.Select(node => node.ResidentBytes())];
    }

    private static async Task WaitForMembersAsync(string postgres, string clusterId, int count)
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres);
        for (var attempt = 0; attempt < 600; attempt++)
        {
            await using var command = dataSource.CreateCommand("SELECT count(*) FROM orleans_membership WHERE deployment_id = $1 AND status = 3");
            command.Parameters.Add(new NpgsqlParameter { Value = clusterId });
            if ((long)(await command.ExecuteScalarAsync())! == count)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The {count} nodes did not all become active members of cluster '{clusterId}' within a minute.");
    }

    private static double Percentile(double[] sorted, double fraction) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, fraction * sorted.Length)];

    private static string Mb(long bytes) => $"{bytes / 1048576.0:0} MB";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? $", load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))} at start" : "";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Figures(double AtomsPerSecond, double P50, double P99, double QuietP50, double QuietP99, double BytesPerIdleRoom);
}
