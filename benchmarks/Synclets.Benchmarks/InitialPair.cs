using Synclets.Connectors;
using Synclets.Connectors.Memory;
using Synclets.Wire;

namespace Synclets.Benchmarks;

/// <summary>
/// A filled source and an empty target for one initial sync: the source's connectors are filled once
/// (<see cref="FillAsync"/>), and each iteration makes fresh synclets over them (<see cref="CreatePeers"/>),
/// syncs (<see cref="SyncAsync"/>) and disposes them (<see cref="DisposePeers"/>).
/// </summary>
internal sealed class InitialPair
{
    private readonly int _atoms;
    private readonly int _depth;
    private readonly WireFormat _format;
    private readonly Func<int, (DataConnector Data, MetaConnector Meta)> _createTarget;
    private MemoryDataConnector _sourceData = null!;
    private MemoryMetaConnector _sourceMeta = null!;
    private Synclet _source = null!;
    private Synclet _target = null!;
    private Task _arrived = null!;

    private InitialPair(int atoms, int depth, WireFormat format, Func<int, (DataConnector, MetaConnector)> createTarget) =>
        (_atoms, _depth, _format, _createTarget) = (atoms, depth, format, createTarget);

    /// <summary>Fills the source; the target's connectors are memory ones unless <paramref name="createTarget"/> makes others (given the depth).</summary>
    public static async Task<InitialPair> FillAsync(int atoms, int depth, WireFormat format, Func<int, (DataConnector, MetaConnector)>? createTarget = null)
    {
        var pair = new InitialPair(atoms, depth, format, createTarget ?? (depth => (new MemoryDataConnector(depth), new MemoryMetaConnector(depth))));
        (pair._sourceData, pair._sourceMeta) = await Workload.FillAsync(atoms, depth);
        return pair;
    }

    /// <summary>A started source and a stopped, empty target on a fresh pool (setup, so not timed).</summary>
    public void CreatePeers()
    {
        var pool = Guid.NewGuid().ToString("N");
        _source = Synclet.CreateAsync(
            new SyncletComponents(_sourceData, _sourceMeta, Workload.Transport(pool, _format)),
            options: new SyncletOptions { Id = "source" }).GetAwaiter().GetResult();
        var (targetData, targetMeta) = _createTarget(_depth);
        _target = Synclet.CreateAsync(
            new SyncletComponents(targetData, targetMeta, Workload.Transport(pool, _format)),
            options: new SyncletOptions { Id = "target" }).GetAwaiter().GetResult();
        _arrived = Workload.RemoteChanges(_target, _atoms);
        _source.StartAsync().GetAwaiter().GetResult();
    }

    /// <summary>Starts the target and waits until it holds every atom.</summary>
    public async Task SyncAsync()
    {
        await _target.StartAsync();
        await _arrived;
    }

    public void DisposePeers()
    {
        _target.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _source.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
