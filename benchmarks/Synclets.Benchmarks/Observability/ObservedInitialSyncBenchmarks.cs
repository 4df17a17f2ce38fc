using BenchmarkDotNet.Attributes;
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
    private InitialPair _pair = null!;
    private Observation? _observation;

    [Params(Watch.None, Watch.Metrics, Watch.MetricsAndTraces)]
    public Watch Watched { get; set; }

    [GlobalSetup]
    public async Task FillSourceAsync()
    {
        _observation = Observation.Start(Watched);
        _pair = await InitialPair.FillAsync(10_000, 3, WireFormat.MessagePack);
    }

    [IterationSetup]
    public void CreatePeers() => _pair.CreatePeers();

    [Benchmark]
    public Task InitialSync() => _pair.SyncAsync();

    [IterationCleanup]
    public void DisposePeers() => _pair.DisposePeers();

    [GlobalCleanup]
    public void StopWatching() => _observation?.Dispose();
}
