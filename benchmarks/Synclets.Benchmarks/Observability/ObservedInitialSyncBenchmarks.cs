using BenchmarkDotNet.Attributes;
using Synclets.Connectors.Memory;
using Synclets.Wire;

namespace Synclets.Benchmarks.Observability;

/// <summary>
/// <see cref="InitialSyncBenchmarks"/>' 10k-atom sync (depth 3, MessagePack), unwatched, watched by
/// metrics, and by metrics and traces (<see cref="Observation"/>), to show what metrics and traces cost a sync.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SteadyStateJob]
public class ObservedInitialSyncBenchmarks
{
    private const int Atoms = 10_000;
    private const int Depth = 3;
    private MemoryDataConnector _sourceData = null!;
    private MemoryMetaConnector _sourceMeta = null!;
    private Synclet _source = null!;
    private Synclet _target = null!;
    private Task _arrived = null!;
    private Observation? _observation;

    [Params(Watch.None, Watch.Metrics, Watch.MetricsAndTraces)]
    public Watch Watched { get; set; }

    [GlobalSetup]
    public async Task FillSourceAsync()
    {
        _observation = Observation.Start(Watched);
        (_sourceData, _sourceMeta) = await Workload.FillAsync(Atoms, Depth);
    }

    [IterationSetup]
    public void CreatePeers()
    {
        var pool = Guid.NewGuid().ToString("N");
        _source = Synclet.CreateAsync(
            new SyncletComponents(_sourceData, _sourceMeta, Workload.Transport(pool, WireFormat.MessagePack)),
            options: new SyncletOptions { Id = "source" }).GetAwaiter().GetResult();
        _target = Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(Depth), new MemoryMetaConnector(Depth), Workload.Transport(pool, WireFormat.MessagePack)),
            options: new SyncletOptions { Id = "target" }).GetAwaiter().GetResult();
        _arrived = Workload.RemoteChanges(_target, Atoms);
        _source.StartAsync().GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task InitialSync()
    {
        await _target.StartAsync();
        await _arrived;
    }

    [IterationCleanup]
    public void DisposePeers()
    {
        _target.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _source.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void StopWatching() => _observation?.Dispose();
}
