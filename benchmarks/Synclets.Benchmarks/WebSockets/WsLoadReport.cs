using Synclets.WebSockets.Server;
using Synclets.Wire;

namespace Synclets.Benchmarks.WebSockets;

/// <summary>
/// The figures of the WebSocket load test (<c>--ws-load</c>): 100 clients in one broker room, each
/// writing 100 atoms, measured until every client holds all 10,000. Plain console output, so the
/// latency percentiles and memory peaks BenchmarkDotNet does not report can be printed.
/// </summary>
internal static class WsLoadReport
{
    public const int Clients = 100;
    public const int AtomsPerClient = 100;
    public const string AnyLoopbackPort = "http://127.0.0.1:0";
    private const int MeasuredRuns = 3;

    /// <param name="options">The broker's options; its defaults when null.</param>
    public static async Task PrintAsync(WsServerOptions? options = null)
    {
        await using var server = await WsServer.StartAsync(AnyLoopbackPort, options);
        PrintSetup(server);
        foreach (var format in new[] { WireFormat.MessagePack, WireFormat.Json })
        {
            // The first run of a format also warms the code up; it is shown apart, since the broker
            // is likelier to drop slow clients while everything runs slower.
            var warmUp = await LoadRun.MeasureAsync(server, $"warm-up-{format}", format, Clients, AtomsPerClient);
            var runs = new List<LoadRun>();
            for (var run = 1; run <= MeasuredRuns; run++)
            {
                runs.Add(await LoadRun.MeasureAsync(server, $"load-{format}-{run}", format, Clients, AtomsPerClient));
            }

            LoadTables.Print(format, warmUp, runs);
        }

        LoadTables.PrintNotes(server.Options);
    }

    private static void PrintSetup(WsServer server)
    {
        // Clients and broker share the cores, so whatever else runs on the machine shows in the figures.
        var load = File.Exists("/proc/loadavg") ? $", load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))} at start" : "";
        Console.WriteLine($"{Clients} WsClientTransport clients and one WsServer (broker mode, MaxQueuedFramesPerClient {server.Options.MaxQueuedFramesPerClient:N0}) on {server.Url}, " +
                          $"one process, {Environment.ProcessorCount} cores{load}. Memory connectors, depth {LoadRoom.Depth} ([client, row, col]); " +
                          $"each client writes {AtomsPerClient} atoms, one SetAtomAsync each, all clients at once. " +
                          $"Per format: a warm-up run, then {MeasuredRuns} measured runs, each in a fresh room.");
    }
}
