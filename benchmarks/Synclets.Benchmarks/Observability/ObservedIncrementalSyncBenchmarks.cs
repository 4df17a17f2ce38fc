using BenchmarkDotNet.Attributes;
using Synclets.Wire;

namespace Synclets.Benchmarks.Observability;

/// <summary>
/// <see cref="IncrementalSyncBenchmarks"/>' one atom on a 100k-atom tree (MessagePack), unwatched,
/// watched by metrics, and by metrics and traces (<see cref="Observation"/>), to show what watching
/// costs a write.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ObservedIncrementalSyncBenchmarks
{
    private IncrementalPair _pair = null!;
    private Observation? _observation;

    [Params(Watch.None, Watch.Metrics, Watch.MetricsAndTraces)]
    public Watch Watched { get; set; }

    [GlobalSetup]
    public async Task SyncTreesAsync()
    {
        _observation = Observation.Start(Watched);
        _pair = await IncrementalPair.SyncAsync(WireFormat.MessagePack);
    }

    [Benchmark]
    public Task OneAtom() => _pair.WriteOneAsync();

    [GlobalCleanup]
    public async Task DisposeAsync()
    {
        _observation?.Dispose();
        await _pair.DisposeAsync();
    }
}
