using Synclets.Connectors;
using Synclets.Transports;
using Synclets.Wire;

namespace Synclets.Benchmarks;

/// <summary>
/// Two synclets that each wrote half of the workload while not started (side "a" the even indexes,
/// side "b" the odd ones), so starting both makes each fetch the other's half. Shared by the
/// offline-both benchmarks over memory parts and over SQLite, and by the wire report.
/// </summary>
internal sealed class OfflinePair : IAsyncDisposable
{
    private const int Depth = 3;
    private readonly Task _arrived;

    private OfflinePair(Synclet a, Synclet b, Transport transportA, Transport transportB, int atoms)
    {
        A = a;
        B = b;
        TransportA = transportA;
        TransportB = transportB;
        _arrived = Task.WhenAll(
            Workload.RemoteChanges(a, Workload.Half(atoms, 1).Count()),
            Workload.RemoteChanges(b, Workload.Half(atoms, 0).Count()));
    }

    public Synclet A { get; }

    public Synclet B { get; }

    public Transport TransportA { get; }

    public Transport TransportB { get; }

    /// <summary>Both sides created over the given connectors, each holding its half, neither started.</summary>
    public static async Task<OfflinePair> CreateAsync(
        int atoms, WireFormat format, (DataConnector Data, MetaConnector Meta) a, (DataConnector Data, MetaConnector Meta) b)
    {
        var pool = Guid.NewGuid().ToString("N");
        var transportA = Workload.Transport(pool, format);
        var transportB = Workload.Transport(pool, format);
        var syncletA = await Synclet.CreateAsync(new SyncletComponents(a.Data, a.Meta, transportA), options: new SyncletOptions { Id = "a" });
        var syncletB = await Synclet.CreateAsync(new SyncletComponents(b.Data, b.Meta, transportB), options: new SyncletOptions { Id = "b" });
        await syncletA.SetAtomsAsync(Workload.Writes(Workload.Half(atoms, 0), Depth), sync: false);
        await syncletB.SetAtomsAsync(Workload.Writes(Workload.Half(atoms, 1), Depth), sync: false);
        return new OfflinePair(syncletA, syncletB, transportA, transportB, atoms);
    }

    /// <summary>Starts both sides and completes once each holds the other's half.</summary>
    public async Task SyncAsync()
    {
        await Task.WhenAll(A.StartAsync(), B.StartAsync());
        await _arrived;
    }

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
    }
}
