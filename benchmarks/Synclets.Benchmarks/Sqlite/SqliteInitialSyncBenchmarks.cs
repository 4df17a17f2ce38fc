using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Synclets.Connectors;
using Synclets.Connectors.Memory;
using Synclets.Wire;

namespace Synclets.Benchmarks.Sqlite;

/// <summary>The whole 100k-atom tree synced from a memory or SQLite source into an empty SQLite store.</summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 7)]
public class SqliteInitialSyncBenchmarks
{
    private const int Depth = 3;
    private MemoryDataConnector _memoryData = null!;
    private MemoryMetaConnector _memoryMeta = null!;
    private string _sqliteSource = null!;
    private string _target = null!;
    private Synclet _source = null!;
    private Synclet _targetSynclet = null!;
    private Task _arrived = null!;

    [Params(100_000)]
    public int Atoms { get; set; }

    [Params("memory", "sqlite")]
    public string Source { get; set; } = "memory";

    [Params("tree", "typed")]
    public string Target { get; set; } = "tree";

    [GlobalSetup]
    public async Task FillSourcesAsync()
    {
        (_memoryData, _memoryMeta) = await Workload.FillAsync(Atoms, Depth);
        _sqliteSource = SqliteBenchmarkWorkload.NewDatabase();
        var (data, meta) = SqliteBenchmarkWorkload.Connectors(_sqliteSource, typed: false);
        await using var writer = await Synclet.CreateAsync(new SyncletComponents(data, meta), options: new SyncletOptions { Id = "source" });
        await writer.SetAtomsAsync((await _memoryData.GetDataAsync()).Leaves().Select(leaf => new KeyValuePair<Address, Atom?>(leaf.Key, leaf.Value)), sync: false);
    }

    [IterationSetup]
    public void CreatePeers()
    {
        var pool = Guid.NewGuid().ToString("N");
        (DataConnector Data, MetaConnector Meta) source = Source == "memory"
            ? (_memoryData, _memoryMeta)
            : SqliteBenchmarkWorkload.Connectors(_sqliteSource, typed: false);
        _source = Synclet.CreateAsync(new SyncletComponents(source.Data, source.Meta, Workload.Transport(pool, WireFormat.MessagePack)),
            options: new SyncletOptions { Id = "source" }).GetAwaiter().GetResult();
        _target = SqliteBenchmarkWorkload.NewDatabase();
        var (data, meta) = SqliteBenchmarkWorkload.Connectors(_target, typed: Target == "typed");
        _targetSynclet = Synclet.CreateAsync(new SyncletComponents(data, meta, Workload.Transport(pool, WireFormat.MessagePack)),
            options: new SyncletOptions { Id = "target" }).GetAwaiter().GetResult();
        _arrived = Workload.RemoteChanges(_targetSynclet, Atoms);
        _source.StartAsync().GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task InitialSync()
    {
        await _targetSynclet.StartAsync();
        await _arrived;
    }

    [IterationCleanup]
    public void DisposePeers()
    {
        _targetSynclet.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _source.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteBenchmarkWorkload.Delete(_target);
    }

    [GlobalCleanup]
    public void DeleteSource() => SqliteBenchmarkWorkload.Delete(_sqliteSource);
}
