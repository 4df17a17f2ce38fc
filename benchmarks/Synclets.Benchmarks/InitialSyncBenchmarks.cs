using BenchmarkDotNet.Attributes;
using Synclets.Connectors.Memory;
using Synclets.Wire;

namespace Synclets.Benchmarks;

/// <summary>A full tree synced into an empty peer over memory parts.</summary>
[MemoryDiagnoser]
[MedianColumn]
[SteadyStateJob]
public class InitialSyncBenchmarks
{
    private MemoryDataConnector _sourceData = null!;
    private MemoryMetaConnector _sourceMeta = null!;
    private Synclet _source = null!;
    private Synclet _target = null!;
    private Task _arrived = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Atoms { get; set; }

    [Params(1, 3)]
    public int Depth { get; set; }

    [Params(WireFormat.MessagePack, WireFormat.Json)]
    public WireFormat Format { get; set; }

    [GlobalSetup]
    public async Task FillSourceAsync() => (_sourceData, _sourceMeta) = await Workload.FillAsync(Atoms, Depth);

    [IterationSetup]
    public void CreatePeers()
    {
        var pool = Guid.NewGuid().ToString("N");
        _source = Synclet.CreateAsync(
            new SyncletComponents(_sourceData, _sourceMeta, Workload.Transport(pool, Format)),
            options: new SyncletOptions { Id = "source" }).GetAwaiter().GetResult();
        _target = Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(Depth), new MemoryMetaConnector(Depth), Workload.Transport(pool, Format)),
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
}
