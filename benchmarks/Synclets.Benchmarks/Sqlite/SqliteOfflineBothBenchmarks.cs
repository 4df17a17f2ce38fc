using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Synclets.Wire;

namespace Synclets.Benchmarks.Sqlite;

/// <summary>
/// <see cref="OfflineBothBenchmarks"/> with each peer over its own SQLite file (tree tables, WAL):
/// both wrote half of the tree while offline, then both start.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 7)]
public class SqliteOfflineBothBenchmarks
{
    private string _pathA = null!;
    private string _pathB = null!;
    private OfflinePair _pair = null!;

    [Params(10_000, 100_000)]
    public int Atoms { get; set; }

    [Params(WireFormat.MessagePack, WireFormat.Json)]
    public WireFormat Format { get; set; }

    [IterationSetup]
    public void WriteHalves()
    {
        _pathA = SqliteBenchmarkWorkload.NewDatabase();
        _pathB = SqliteBenchmarkWorkload.NewDatabase();
        _pair = OfflinePair.CreateAsync(Atoms, Format,
            SqliteBenchmarkWorkload.Connectors(_pathA, typed: false),
            SqliteBenchmarkWorkload.Connectors(_pathB, typed: false)).GetAwaiter().GetResult();
    }

    [Benchmark]
    public Task OfflineBoth() => _pair.SyncAsync();

    [IterationCleanup]
    public void DisposePair()
    {
        _pair.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteBenchmarkWorkload.Delete(_pathA);
        SqliteBenchmarkWorkload.Delete(_pathB);
    }
}
