using BenchmarkDotNet.Attributes;
using Synclets.Connectors.Memory;
using Synclets.Wire;

namespace Synclets.Benchmarks;

/// <summary>
/// Two peers over memory parts that each wrote half of the tree while offline (and, with conflicts,
/// 1% of the atoms on both sides), then both start: measured until each holds the other's half. The
/// halves are written in the iteration's setup. The 95th percentile is shown beside the median:
/// a sync whose data crosses twice takes several times as long, so the spread is a figure too.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[P95Column]
[SteadyStateJob]
public class OfflineBothBenchmarks
{
    private const int Depth = 3;
    private OfflinePair _pair = null!;

    [Params(10_000, 100_000)]
    public int Atoms { get; set; }

    [Params(WireFormat.MessagePack, WireFormat.Json)]
    public WireFormat Format { get; set; }

    [Params(false, true)]
    public bool Conflicts { get; set; }

    [IterationSetup]
    public void WriteHalves() => _pair = OfflinePair.CreateAsync(Atoms, Format,
        (new MemoryDataConnector(Depth), new MemoryMetaConnector(Depth)),
        (new MemoryDataConnector(Depth), new MemoryMetaConnector(Depth)),
        Conflicts).GetAwaiter().GetResult();

    [Benchmark]
    public Task OfflineBoth() => _pair.SyncAsync();

    [IterationCleanup]
    public void DisposePair() => _pair.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
