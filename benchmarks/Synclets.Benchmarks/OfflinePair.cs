using Synclets.Connectors;
using Synclets.Transports;
using Synclets.Wire;

namespace Synclets.Benchmarks;

/// <summary>
/// Two synclets that each wrote half of the workload while not started (side "a" the even indexes,
/// side "b" the odd ones), so starting both (in step: each sends its root hash before it reads the
/// other's) makes each fetch the other's half; with conflicts, each
/// then also wrote 0.5% of the atoms over the other's half (1% in all, see
/// <see cref="Workload.Conflicts"/>), and the later write of each such atom wins on both sides.
/// Shared by the offline-both benchmarks over memory parts and over SQLite, and by the wire report.
/// </summary>
internal sealed class OfflinePair : IAsyncDisposable
{
    private const int Depth = 3;
    private readonly Task _arrived;

    private OfflinePair(Synclet a, Synclet b, Transport transportA, Transport transportB, int arrivingAtA, int arrivingAtB)
    {
        A = a;
        B = b;
        TransportA = transportA;
        TransportB = transportB;
        _arrived = Task.WhenAll(Workload.RemoteChanges(a, arrivingAtA), Workload.RemoteChanges(b, arrivingAtB));
    }

    public Synclet A { get; }

    public Synclet B { get; }

    public Transport TransportA { get; }

    public Transport TransportB { get; }

    /// <summary>Both sides created over the given connectors, each holding its half, neither started.</summary>
    public static async Task<OfflinePair> CreateAsync(
        int atoms,
        WireFormat format,
        (DataConnector Data, MetaConnector Meta) a,
        (DataConnector Data, MetaConnector Meta) b,
        bool conflicts = false)
    {
        var pool = Guid.NewGuid().ToString("N");
        var transportA = Workload.Transport(pool, format);
        var transportB = Workload.Transport(pool, format);
        var (startA, startB) = InStep();
        var syncletA = await Synclet.CreateAsync(new SyncletComponents(a.Data, a.Meta, transportA), startA, new SyncletOptions { Id = "a" });
        var syncletB = await Synclet.CreateAsync(new SyncletComponents(b.Data, b.Meta, transportB), startB, new SyncletOptions { Id = "b" });
        await syncletA.SetAtomsAsync(Workload.Writes(Workload.Half(atoms, 0), Depth), sync: false);
        await syncletB.SetAtomsAsync(Workload.Writes(Workload.Half(atoms, 1), Depth), sync: false);
        var arrivingAtA = Workload.Half(atoms, 1).Count();
        var arrivingAtB = Workload.Half(atoms, 0).Count();
        if (conflicts)
        {
            await syncletA.SetAtomsAsync(ConflictingWrites(atoms, side: 0), sync: false);
            await syncletB.SetAtomsAsync(ConflictingWrites(atoms, side: 1), sync: false);

            // Each conflicting atom arrives on the side whose write lost, which the clocks decide.
            foreach (var index in Workload.Conflicts(atoms, 0).Concat(Workload.Conflicts(atoms, 1)))
            {
                var address = Workload.AddressOf(index, Depth);
                var bWins = string.CompareOrdinal(
                    await b.Meta.ReadTimestampAsync(address), await a.Meta.ReadTimestampAsync(address)) > 0;
                var inHalfOfA = index % 2 == 0;
                (arrivingAtA, arrivingAtB) = (inHalfOfA, bWins) switch
                {
                    (true, true) => (arrivingAtA + 1, arrivingAtB - 1),   // b's value replaces a's; b lacks nothing here
                    (true, false) => (arrivingAtA, arrivingAtB),          // a's later write reaches b, as its half does
                    (false, true) => (arrivingAtA, arrivingAtB),          // b's write reaches a, as its half does
                    (false, false) => (arrivingAtA - 1, arrivingAtB + 1), // a's value replaces b's
                };
            }
        }

        return new OfflinePair(syncletA, syncletB, transportA, transportB, arrivingAtA, arrivingAtB);
    }

    /// <summary>Starts both sides, in step, and completes once each holds the other's half.</summary>
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

    /// <summary>
    /// Hooks that hold each side's first sync until the other has joined the pool too, so both send
    /// their root hash before either reads the other's: peers reconnecting at the same moment. Left
    /// to the scheduler, one side often sent its root hash to an empty pool, and runs differed in
    /// what they measured (one whole-tree sync, or two that crossed).
    /// </summary>
    private static (SyncletHooks A, SyncletHooks B) InStep()
    {
        var joined = new[] { new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        SyncletHooks Side(int side) => new()
        {
            OnSync = async (_, _) =>
            {
                joined[side].TrySetResult();
                await joined[1 - side].Task.WaitAsync(TimeSpan.FromSeconds(30));
            },
        };
        return (Side(0), Side(1));
    }

    private static IEnumerable<KeyValuePair<Address, Atom?>> ConflictingWrites(int atoms, int side) =>
        Workload.Conflicts(atoms, side).Select(index => new KeyValuePair<Address, Atom?>(Workload.AddressOf(index, Depth), $"{(side == 0 ? "a" : "b")}{index}"));
}
