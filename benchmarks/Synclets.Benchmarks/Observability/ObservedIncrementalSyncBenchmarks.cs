using BenchmarkDotNet.Attributes;
using Synclets.Wire;

namespace Synclets.Benchmarks.Observability;

/// <summary>
/// <see cref="IncrementalSyncBenchmarks"/>' one atom on a 100k-atom tree (depth 3, MessagePack),
/// unwatched, watched by metrics, and by metrics and traces (<see cref="Observation"/>), to show what
/// watching costs a write.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ObservedIncrementalSyncBenchmarks
{
    private const int Atoms = 100_000;
    private const int Depth = 3;
    private const int Written = 4_096;
    private Synclet _source = null!;
    private Synclet _target = null!;
    private ChangeSignal _arrived = null!;
    private Address[] _addresses = null!;
    private Atom[][] _values = null!;
    private int _write;
    private Observation? _observation;

    [Params(Watch.None, Watch.Metrics, Watch.MetricsAndTraces)]
    public Watch Watched { get; set; }

    [GlobalSetup]
    public async Task SyncTreesAsync()
    {
        _observation = Observation.Start(Watched);
        var pool = Guid.NewGuid().ToString("N");
        var (sourceData, sourceMeta) = await Workload.FillAsync(Atoms, Depth);
        _source = await Synclet.CreateAsync(
            new SyncletComponents(sourceData, sourceMeta, Workload.Transport(pool, WireFormat.MessagePack)), options: new SyncletOptions { Id = "source" });
        _target = await Synclet.CreateAsync(
            new SyncletComponents(new Connectors.Memory.MemoryDataConnector(Depth), new Connectors.Memory.MemoryMetaConnector(Depth), Workload.Transport(pool, WireFormat.MessagePack)),
            options: new SyncletOptions { Id = "target" });
        var synced = Workload.RemoteChanges(_target, Atoms);
        await _source.StartAsync();
        await _target.StartAsync();
        await synced;

        _arrived = new ChangeSignal(_target);
        _addresses = [.. Enumerable.Range(0, Written).Select(index => Workload.AddressOf(index, Depth))];
        _values = [.. new[] { "changed", "changed again" }.Select(prefix => Enumerable.Range(0, Written).Select(index => (Atom)(prefix + " " + index)).ToArray())];
    }

    [Benchmark]
    public async Task OneAtom()
    {
        var index = _write % Written;
        var arrived = _arrived.NextAsync();
        await _source.SetAtomAsync(_addresses[index], _values[_write++ / Written % 2][index]);
        await arrived;
    }

    [GlobalCleanup]
    public async Task DisposeAsync()
    {
        _observation?.Dispose();
        await _target.DisposeAsync();
        await _source.DisposeAsync();
    }
}
