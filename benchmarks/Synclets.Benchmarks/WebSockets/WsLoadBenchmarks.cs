using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using Synclets.WebSockets.Server;
using Synclets.Wire;

namespace Synclets.Benchmarks.WebSockets;

/// <summary>
/// 100 clients in one broker room each write 100 atoms; one invocation lasts until every client
/// holds all 10,000. Connecting and disposing the clients happen outside the measurement. Each
/// invocation counts as 990,000 operations (one per delivered atom), so the mean is the time per
/// delivery and Op/s the delivered atoms per second. Latency percentiles and memory peaks are in
/// the <c>--ws-load</c> report.
/// </summary>
/// <remarks>
/// The broker runs with its default options, as users get it. When it drops clients that fell too
/// far behind, they reconnect and resync and the iteration takes far longer; the line each
/// iteration logs (its broker counts) shows where that happened, and the median column resists it.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(OperationsPerSecondConfig))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class WsLoadBenchmarks
{
    private const int Clients = WsLoadReport.Clients;
    private const int AtomsPerClient = WsLoadReport.AtomsPerClient;
    private const int Deliveries = Clients * AtomsPerClient * (Clients - 1);
    private WsServer _server = null!;
    private LoadRoom _room = null!;
    private int _iteration;

    [Params(WireFormat.MessagePack, WireFormat.Json)]
    public WireFormat Format { get; set; }

    [GlobalSetup]
    public async Task StartBrokerAsync() => _server = await WsServer.StartAsync(WsLoadReport.AnyLoopbackPort);

    [IterationSetup]
    public void ConnectClients() =>
        _room = LoadRoom.ConnectAsync(_server, $"bench-{Format}-{_iteration++}", Format, Clients, AtomsPerClient).GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Deliveries)]
    public Task WriteUntilDelivered() => _room.WriteUntilDeliveredAsync(LoadRun.DeliveryTimeout);

    [IterationCleanup]
    public void DisconnectClients()
    {
        // A client the broker drops as slow reconnects and resyncs, so the iteration still ends, but
        // later and with extra traffic: the log shows which iterations that happened in.
        Console.WriteLine($"// {_room.Describe()}");
        var clients = _room.TrackCollection();
        _room.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _room = null!;
        LoadRoom.WaitUntilCollectedAsync(clients).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public async Task StopBrokerAsync() => await _server.DisposeAsync();

    private sealed class OperationsPerSecondConfig : ManualConfig
    {
        public OperationsPerSecondConfig() => AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
