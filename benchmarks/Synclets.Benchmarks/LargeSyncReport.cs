using System.Diagnostics;
using Synclets.Benchmarks.Sqlite;
using Synclets.Benchmarks.WebSockets;
using Synclets.Connectors;
using Synclets.Transports;
using Synclets.Wire;

namespace Synclets.Benchmarks;

/// <summary>
/// The 1M-atom initial sync (<c>--large-sync</c>): a memory source holding the depth-3 workload
/// synced into an empty SQLite file (tree tables, WAL), timed, with the process's memory sampled
/// while it runs. A console report rather than a benchmark: one run takes seconds and the peak
/// memory, not an average, is the figure. A timeout reports how far it got instead of hanging.
/// </summary>
internal static class LargeSyncReport
{
    private const int Atoms = 1_000_000;
    private const int Depth = 3;
    private const double Mb = 1024 * 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static async Task PrintAsync(MetricsFile metrics)
    {
        var filling = Stopwatch.StartNew();
        var (sourceData, sourceMeta) = await Workload.FillAsync(Atoms, Depth);
        filling.Stop();
        // The source's own tree lives in this process too; its footprint is shown apart from the peak.
        // Filling it left garbage behind; an aggressive collection returns that memory to the system,
        // so the peak below is the source plus the sync, not the leftovers of building the source.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var baselineManaged = GC.GetTotalMemory(forceFullCollection: true);
        var baselineWorkingSet = Environment.WorkingSet;

        var path = SqliteBenchmarkWorkload.NewDatabase();
        var pool = Guid.NewGuid().ToString("N");
        var sourceTransport = Workload.Transport(pool, WireFormat.MessagePack);
        var targetTransport = Workload.Transport(pool, WireFormat.MessagePack);
        var source = await Synclet.CreateAsync(new SyncletComponents(sourceData, sourceMeta, sourceTransport), options: new SyncletOptions { Id = "source" });
        var (data, meta) = SqliteBenchmarkWorkload.Connectors(path, typed: false);
        var target = await Synclet.CreateAsync(new SyncletComponents(data, meta, targetTransport), options: new SyncletOptions { Id = "target" });
        var arrived = new ArrivalCounter(target, Atoms);
        await source.StartAsync();

        using var process = Process.GetCurrentProcess();
        var workingSet = new Gauge(() =>
        {
            process.Refresh();
            return process.WorkingSet64;
        });
        var environmentWorkingSet = new Gauge(() => Environment.WorkingSet);
        var managed = new Gauge(() => GC.GetTotalMemory(forceFullCollection: false));
        string outcome;
        var syncing = Stopwatch.StartNew();
        await using (PeakSampler.Start(workingSet, environmentWorkingSet, managed))
        {
            outcome = await SyncAsync(target, arrived);
        }

        syncing.Stop();
        // What the sync keeps alive once it is done: the managed heap after a full collection, less the
        // source's (the synclets are still open).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var retained = (GC.GetTotalMemory(forceFullCollection: true) - baselineManaged) / Mb;
        process.Refresh();
        var seconds = syncing.Elapsed.TotalSeconds;
        var peak = Math.Max(workingSet.Peak, environmentWorkingSet.Peak) / Mb;

        Console.WriteLine($"{Atoms:N0} atoms (depth {Depth}, {Environment.ProcessorCount} cores), memory source → empty SQLite file (tree tables, WAL), MessagePack, one process. " +
                          $"Source filled in {filling.Elapsed.TotalSeconds:F1} s.");
        Console.WriteLine();
        Console.WriteLine("| outcome | atoms arrived | seconds | peak working set (MB) | peak managed heap (MB) | before the sync: working set / managed (MB) | retained by the sync (MB) | process lifetime peak working set (MB) | bytes sent | messages | packets dropped |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var (bytes, messages) = WireCounts.Sent(sourceTransport, targetTransport);
        var dropped = sourceTransport.Statistics.PacketsDropped + targetTransport.Statistics.PacketsDropped;
        Console.WriteLine($"| {outcome} | {arrived.Count:N0} | {seconds:F1} | {peak:F0} | {managed.Peak / Mb:F0} | {baselineWorkingSet / Mb:F0} / {baselineManaged / Mb:F0} | {retained:F1} | " +
                          $"{process.PeakWorkingSet64 / Mb:F0} | {bytes:N0} | {messages:N0} | {dropped} |");
        PrintStatistics(target, targetTransport);

        metrics.Write("large_sync.outcome", outcome.Split(' ')[0]);
        metrics.Write("large_sync.arrived", arrived.Count);
        metrics.Write("large_sync.seconds", seconds);
        metrics.Write("large_sync.peak_mb", peak);
        metrics.Write("large_sync.baseline_mb", baselineWorkingSet / Mb);
        metrics.Write("large_sync.retained_mb", retained);

        // A sync that never finished may hold its queue; disposal gets a bound too.
        await DisposeAsync(target, source);
        SqliteBenchmarkWorkload.Delete(path);

        var ceiling = await RawUpsertSecondsAsync(sourceData, sourceMeta);
        Console.WriteLine();
        Console.WriteLine($"The ceiling, measured the same way in this run: plain prepared upserts of the same rows (atoms, timestamps, hashes) into the same tables, in one transaction, took {ceiling:F1} s.");
        metrics.Write("large_sync.raw_upsert_seconds", ceiling);
    }

    /// <summary>The time <see cref="RawUpserts"/> of the source's rows take into a new database.</summary>
    private static async Task<double> RawUpsertSecondsAsync(DataConnector data, MetaConnector meta)
    {
        var rows = await RawUpserts.RowsAsync(data, meta);
        var path = SqliteBenchmarkWorkload.NewDatabase();
        await SqliteBenchmarkWorkload.CreateTablesAsync(path, typed: false);
        var writing = new Stopwatch();
        using (var connection = SqliteBenchmarkWorkload.Open(path))
        {
            writing.Start();
            RawUpserts.Write(connection, rows, typed: false);
            writing.Stop();
        }

        SqliteBenchmarkWorkload.Delete(path);
        return writing.Elapsed.TotalSeconds;
    }

    private static async Task<string> SyncAsync(Synclet target, ArrivalCounter arrived)
    {
        try
        {
            await target.StartAsync().WaitAsync(Timeout);
            await arrived.Done.WaitAsync(Timeout);
            return "completed";
        }
        catch (TimeoutException)
        {
            return $"timeout after {Timeout.TotalSeconds:F0} s";
        }
        catch (Exception exception)
        {
            return $"failed: {exception.GetType().Name}: {exception.Message}";
        }
    }

    private static void PrintStatistics(Synclet target, Transport transport)
    {
        var synclet = target.Statistics;
        var wire = transport.Statistics;
        Console.WriteLine();
        Console.WriteLine($"Target: {synclet.MessagesProcessed} messages processed, {synclet.MessagesRejected} rejected, {synclet.MessagesOverflowed} overflowed, " +
                          $"{synclet.BatchesFailed} batches failed; transport received {wire.MessagesReceived} messages, {wire.PacketsDropped} packets and {wire.MessagesDropped} messages dropped.");
    }

    private static async Task DisposeAsync(params Synclet[] synclets)
    {
        foreach (var synclet in synclets)
        {
            try
            {
                await synclet.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                Console.WriteLine($"Disposing synclet {synclet.Id} did not finish within 30 s.");
            }
        }
    }

    /// <summary>Counts remote changes as they are stored, so a timeout can say how far the sync got.</summary>
    private sealed class ArrivalCounter
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly int _expected;
        private int _count;

        public ArrivalCounter(Synclet synclet, int expected)
        {
            _expected = expected;
            synclet.AtomChanged += (_, change) =>
            {
                if (change.Origin == ChangeOrigin.Remote && Interlocked.Increment(ref _count) == _expected)
                {
                    _done.TrySetResult();
                }
            };
        }

        public int Count => Volatile.Read(ref _count);

        public Task Done => _done.Task;
    }
}
