using BenchmarkDotNet.Attributes;
using Synclets.Wire;

namespace Synclets.Benchmarks;

/// <summary>One atom written on a 100k-atom tree and received by a peer holding the same tree.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class IncrementalSyncBenchmarks
{
    private const int Atoms = 100_000;
    private const int Depth = 3;
    private Synclet _source = null!;
    private Synclet _target = null!;
    private int _write;

    [Params(WireFormat.MessagePack, WireFormat.Json)]
    public WireFormat Format { get; set; }

    [GlobalSetup]
    public async Task SyncTreesAsync()
    {
        var pool = Guid.NewGuid().ToString("N");
        var (sourceData, sourceMeta) = await Workload.FillAsync(Atoms, Depth);
        _source = await Synclet.CreateAsync(
            new SyncletComponents(sourceData, sourceMeta, Workload.Transport(pool, Format)), options: new SyncletOptions { Id = "source" });
        _target = await Synclet.CreateAsync(
            new SyncletComponents(new Connectors.Memory.MemoryDataConnector(Depth), new Connectors.Memory.MemoryMetaConnector(Depth), Workload.Transport(pool, Format)),
            options: new SyncletOptions { Id = "target" });
        var synced = Workload.RemoteChanges(_target, Atoms);
        await _source.StartAsync();
        await _target.StartAsync();
        await synced;
    }

    [Benchmark]
    public async Task OneAtom()
    {
        var arrived = Workload.RemoteChanges(_target, 1);
        await _source.SetAtomAsync(Workload.AddressOf(_write % Atoms, Depth), "changed " + _write++);
        await arrived;
    }

    [GlobalCleanup]
    public async Task DisposeAsync()
    {
        await _target.DisposeAsync();
        await _source.DisposeAsync();
    }
}
