using System.Diagnostics;
using Synclets.WebSockets.Server;
using Synclets.Wire;

namespace Synclets.Benchmarks.WebSockets;

/// <summary>The figures of one load run, or why it did not finish.</summary>
internal sealed record LoadRun(
    int Clients,
    int AtomsPerClient,
    long Delivered,
    TimeSpan Elapsed,
    double P50Milliseconds,
    double P99Milliseconds,
    long ConnectionsHeapBytes,
    long ConnectionsWorkingSetBytes,
    long PeakHeapGrowthBytes,
    long PeakWorkingSetGrowthBytes,
    long AllocatedBytes,
    long RetainedHeapBytes,
    long PeakBacklogToOneClient,
    long PeakBrokerBacklogPerClient,
    long PeakSyncletQueue,
    ServerCounts Server,
    int ConnectionLosses,
    long QueueOverflows,
    long UnexpectedChanges,
    string? Failure)
{
    /// <summary>
    /// Long enough for a run in which the broker drops slow clients: they reconnect and resync,
    /// which has taken close to two minutes on a loaded two-core machine.
    /// </summary>
    public static readonly TimeSpan DeliveryTimeout = TimeSpan.FromMinutes(5);

    public double AtomsPerSecond => Delivered / Elapsed.TotalSeconds;

    /// <summary>
    /// Connects a room of <paramref name="clients"/> clients, lets each write its atoms, and measures
    /// until all are delivered. Memory is the whole process's (clients and broker share it): the
    /// connections' cost is measured after a full collection before and after connecting, the run's
    /// growth against that connected baseline.
    /// </summary>
    public static async Task<LoadRun> MeasureAsync(WsServer server, string roomId, WireFormat format, int clients, int atomsPerClient)
    {
        var (run, disposedRoom) = await MeasureInRoomAsync(server, roomId, format, clients, atomsPerClient);
        await LoadRoom.WaitUntilCollectedAsync(disposedRoom);
        return run;
    }

    private static async Task<(LoadRun Run, WeakReference DisposedRoom)> MeasureInRoomAsync(
        WsServer server, string roomId, WireFormat format, int clients, int atomsPerClient)
    {
        var (heapBeforeConnecting, workingSetBeforeConnecting) = SettledMemory();
        await using var room = await LoadRoom.ConnectAsync(server, roomId, format, clients, atomsPerClient);
        var (heapConnected, workingSetConnected) = SettledMemory();

        var serverBefore = ServerCounts.Of(server);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var heap = new Gauge(() => GC.GetTotalMemory(forceFullCollection: false));
        var workingSet = new Gauge(() => Environment.WorkingSet);
        var backlogToOneClient = new Gauge(room.LargestBacklogToOneClient);
        var brokerBacklog = new Gauge(room.BrokerBacklogPerClient);
        var syncletQueue = new Gauge(room.LargestSyncletQueue);
        var sampler = PeakSampler.Start(heap, workingSet, backlogToOneClient, brokerBacklog, syncletQueue);
        TimeSpan elapsed;
        string? failure = null;
        try
        {
            elapsed = await room.WriteUntilDeliveredAsync(DeliveryTimeout);
        }
        catch (TimeoutException timeout)
        {
            elapsed = DeliveryTimeout;
            failure = timeout.Message;
        }
        finally
        {
            await sampler.DisposeAsync();
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var serverCounts = ServerCounts.Of(server) - serverBefore;
        var latencies = room.Log.SortedLatencies();
        var (heapAfter, _) = SettledMemory();
        var run = new LoadRun(
            clients,
            atomsPerClient,
            room.Log.Delivered,
            elapsed,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            heapConnected - heapBeforeConnecting,
            workingSetConnected - workingSetBeforeConnecting,
            heap.Peak - heapConnected,
            workingSet.Peak - workingSetConnected,
            allocated,
            heapAfter - heapConnected,
            backlogToOneClient.Peak,
            brokerBacklog.Peak,
            syncletQueue.Peak,
            serverCounts,
            room.ConnectionLosses,
            room.QueueOverflows,
            room.Log.Unexpected,
            failure);
        return (run, room.TrackCollection());
    }

    private static (long HeapBytes, long WorkingSetBytes) SettledMemory()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        return (heap, Environment.WorkingSet);
    }

    /// <summary>The nearest-rank percentile of sorted Stopwatch tick counts, in milliseconds.</summary>
    private static double Percentile(long[] sortedTicks, double fraction)
    {
        if (sortedTicks.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(fraction * sortedTicks.Length) - 1;
        return sortedTicks[Math.Clamp(rank, 0, sortedTicks.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
