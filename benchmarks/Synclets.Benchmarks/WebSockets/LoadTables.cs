using Synclets.WebSockets.Server;
using Synclets.Wire;

namespace Synclets.Benchmarks.WebSockets;

/// <summary>The markdown tables of the <c>--ws-load</c> report.</summary>
internal static class LoadTables
{
    public static void Print(WireFormat format, LoadRun warmUp, IReadOnlyList<LoadRun> runs)
    {
        var labelled = runs.Select((run, index) => (Label: (index + 1).ToString(), Run: run)).Prepend((Label: "warm-up", Run: warmUp)).ToList();
        Console.WriteLine();
        Console.WriteLine($"### {format}");
        Console.WriteLine();
        Console.WriteLine("| run | clients | atoms each | delivered | seconds | atoms/s | p50 ms | p99 ms | heap peak +MB | working set peak +MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (label, run) in labelled)
        {
            Console.WriteLine($"| {label} | {run.Clients} | {run.AtomsPerClient} | {run.Delivered:N0} | {run.Elapsed.TotalSeconds:F2} | {run.AtomsPerSecond:N0} | " +
                              $"{run.P50Milliseconds:F0} | {run.P99Milliseconds:F0} | {Megabytes(run.PeakHeapGrowthBytes)} | {Megabytes(run.PeakWorkingSetGrowthBytes)} |");
        }

        Console.WriteLine($"| median of {runs.Count} | | | | {Median(runs, run => run.Elapsed.TotalSeconds):F2} | {Median(runs, run => run.AtomsPerSecond):N0} | " +
                          $"{Median(runs, run => run.P50Milliseconds):F0} | {Median(runs, run => run.P99Milliseconds):F0} | " +
                          $"{Megabytes((long)Median(runs, run => run.PeakHeapGrowthBytes))} | {Megabytes((long)Median(runs, run => run.PeakWorkingSetGrowthBytes))} |");

        Console.WriteLine();
        Console.WriteLine("| run | connections heap +MB | connections working set +MB | allocated MB | retained heap +MB | peak unread by one client | peak broker backlog per client | peak synclet queue | broker packets received | broker packets delivered | dropped | slow clients disconnected | connections lost | client queue overflows |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (label, run) in labelled)
        {
            Console.WriteLine($"| {label} | {Megabytes(run.ConnectionsHeapBytes)} | {Megabytes(run.ConnectionsWorkingSetBytes)} | {Megabytes(run.AllocatedBytes)} | {Megabytes(run.RetainedHeapBytes)} | " +
                              $"{run.PeakBacklogToOneClient:N0} | {run.PeakBrokerBacklogPerClient:N0} | {run.PeakSyncletQueue:N0} | " +
                              $"{run.Server.Received:N0} | {run.Server.Delivered:N0} | {run.Server.Dropped:N0} | {run.Server.SlowClientsDisconnected} | {run.ConnectionLosses} | {run.QueueOverflows:N0} |");
        }

        foreach (var (label, run) in labelled.Where(pair => pair.Run.Failure is not null || pair.Run.UnexpectedChanges > 0))
        {
            Console.WriteLine();
            Console.WriteLine($"Run {label} {(run.Failure is null ? "finished" : "did not finish")}: {run.Failure} {run.UnexpectedChanges:N0} remote changes beyond the expected ones.");
        }
    }

    public static void PrintNotes(WsServerOptions options)
    {
        Console.WriteLine();
        Console.WriteLine($"""
            Delivered = clients × atoms each × (clients − 1), each counted when the receiver's AtomChanged (Origin Remote) fires. Seconds run from the first
            write call to the last delivery; latency is from the SetAtomAsync call to the receiver's AtomChanged, over all deliveries. All clients write at
            once, so each receiver has up to 9,900 changes queued towards it: the latency is mostly waiting in line, and p50 is close to half the run.
            Memory is the whole process's: the clients (synclets, ClientWebSockets) and the broker (Kestrel, its per-client backlogs) share it, so no
            figure is the broker's alone. "connections" = growth from opening the connections (both ends), after a full collection; "heap peak" and
            "working set peak" = highest value sampled every 20 ms during the run minus the connected baseline (the heap peak includes garbage not yet
            collected; the working set is noisy, as the GC returns and takes memory); "allocated" = bytes allocated by the process during the run;
            "retained heap" = live heap after the run (full collection) minus the connected baseline: the clients' copies of the atoms, the broker storing nothing.
            "peak unread by one client" = most packets the other clients had sent one client that it had not read yet (not yet read by the broker, in its
            backlog, or in socket buffers; every packet counts as a broadcast, as the writes are, so it overcounts once resyncs address single peers);
            "peak broker backlog per client" = packets the broker had queued for clients that they had not read yet,
            divided by the clients (backlogs plus socket buffers; the broker drops a client whose backlog reaches MaxQueuedFramesPerClient =
            {options.MaxQueuedFramesPerClient:N0}); "peak synclet queue" = most received messages waiting in one client synclet's queue (limit
            SyncletOptions.MaxQueuedMessages = {new SyncletOptions().MaxQueuedMessages:N0}). Broker counts are the run's share of WsServer.Statistics; a
            dropped client reconnects and resyncs, which shows as extra packets. Client queue overflows = SyncletStatistics.MessagesOverflowed, summed.
            """);
    }

    private static double Median(IReadOnlyList<LoadRun> runs, Func<LoadRun, double> figure) =>
        runs.Select(figure).Order().ElementAt(runs.Count / 2);

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1");
}
