using Synclets.Connectors.Memory;
using Synclets.Wire;

namespace Synclets.Benchmarks;

/// <summary>
/// Two synclets holding the same 100k-atom tree (depth 3), one writing one atom at a time and the
/// other receiving it. Addresses and values are made beforehand and the arrival is awaited without
/// allocating, so an allocation figure is the engine's own: the write, its message both ways, and
/// the remote apply.
/// </summary>
internal sealed class IncrementalPair : IAsyncDisposable
{
    private const int Atoms = 100_000;
    private const int Depth = 3;
    // Writes cycle through this many atoms, alternating two values so each write changes its atom.
    private const int Written = 4_096;
    private readonly Synclet _source;
    private readonly Synclet _target;
    private readonly ChangeSignal _arrived;
    private readonly Address[] _addresses;
    private readonly Atom[][] _values;
    private int _write;

    private IncrementalPair(Synclet source, Synclet target)
    {
        (_source, _target) = (source, target);
        _arrived = new ChangeSignal(target);
        _addresses = [.. Enumerable.Range(0, Written).Select(index => Workload.AddressOf(index, Depth))];
        _values = [.. new[] { "changed", "changed again" }.Select(prefix => Enumerable.Range(0, Written).Select(index => (Atom)(prefix + " " + index)).ToArray())];
    }

    /// <summary>Fills the source, and waits until the target holds the whole tree.</summary>
    public static async Task<IncrementalPair> SyncAsync(WireFormat format)
    {
        var pool = Guid.NewGuid().ToString("N");
        var (sourceData, sourceMeta) = await Workload.FillAsync(Atoms, Depth);
        var source = await Synclet.CreateAsync(
            new SyncletComponents(sourceData, sourceMeta, Workload.Transport(pool, format)), options: new SyncletOptions { Id = "source" });
        var target = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(Depth), new MemoryMetaConnector(Depth), Workload.Transport(pool, format)),
            options: new SyncletOptions { Id = "target" });
        var synced = Workload.RemoteChanges(target, Atoms);
        await source.StartAsync();
        await target.StartAsync();
        await synced;
        return new IncrementalPair(source, target);
    }

    /// <summary>Writes the next atom on the source and waits until the target has stored it.</summary>
    public async Task WriteOneAsync()
    {
        var index = _write % Written;
        var arrived = _arrived.NextAsync();
        await _source.SetAtomAsync(_addresses[index], _values[_write++ / Written % 2][index]);
        await arrived;
    }

    public async ValueTask DisposeAsync()
    {
        await _target.DisposeAsync();
        await _source.DisposeAsync();
    }
}
