using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Synclets.Connectors.Memory;
using Synclets.Wire;

namespace Synclets.Benchmarks;

/// <summary>
/// One child of the cold-start report (<c>--cold-start-child</c>): in a process that has only
/// started, fills a memory source with the depth-3 workload and syncs it into an empty peer once,
/// timing from just before the peer starts to the last atom's arrival, as
/// <see cref="InitialSyncBenchmarks"/> does after its warm-up. Prints one line of figures.
/// </summary>
/// <remarks>
/// Filling the source writes through a synclet, so the local-write path is compiled before the
/// sync starts; the sync itself still meets the encoders, the decoders, the protocol and the remote
/// apply for the first time. <c>--jit-trace</c> also lists the methods compiled during the sync,
/// <c>--allocation-trace</c> the types allocated.
/// </remarks>
internal static class ColdStartChild
{
    public const string Flag = "--cold-start-child";
    public const int Atoms = 100_000;
    public const int Depth = 3;

    public static async Task RunAsync(string[] args)
    {
        using var process = Process.GetCurrentProcess();
        var startupMs = (DateTime.Now - process.StartTime).TotalMilliseconds;

        var filling = Stopwatch.StartNew();
        var (sourceData, sourceMeta) = await Workload.FillAsync(Atoms, Depth);
        filling.Stop();

        // --repeat N, a profiling aid: N - 1 more syncs follow, each into new peers as in the
        // steady-state benchmark, printed apart; the report reads only the first.
        var at = Array.IndexOf(args, "--repeat");
        var syncs = at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : 1;
        for (var sync = 0; sync < syncs; sync++)
        {
            using var jitTrace = sync == 0 && args.Contains("--jit-trace") ? new ColdStartJitTrace() : null;
            using var allocationTrace = sync == 0 && args.Contains("--allocation-trace") ? new ColdStartAllocationTrace() : null;
            var result = await SyncOnceAsync(sourceData, sourceMeta, process) with { StartupMs = startupMs, FillMs = filling.Elapsed.TotalMilliseconds };
            jitTrace?.Print();
            allocationTrace?.Print();
            Console.WriteLine(sync == 0 ? result.ToString() : "then " + result);
        }
    }

    /// <summary>Syncs the source into a new, empty peer, timed from just before the peer starts to the last arrival.</summary>
    private static async Task<Result> SyncOnceAsync(MemoryDataConnector sourceData, MemoryMetaConnector sourceMeta, Process process)
    {
        var settingUp = Stopwatch.StartNew();
        var pool = Guid.NewGuid().ToString("N");
        await using var source = await Synclet.CreateAsync(
            new SyncletComponents(sourceData, sourceMeta, Workload.Transport(pool, WireFormat.MessagePack)),
            options: new SyncletOptions { Id = "source" });
        await using var target = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(Depth), new MemoryMetaConnector(Depth), Workload.Transport(pool, WireFormat.MessagePack)),
            options: new SyncletOptions { Id = "target" });
        var arrived = Workload.RemoteChanges(target, Atoms);
        await source.StartAsync();
        settingUp.Stop();

        var methodsBefore = JitInfo.GetCompiledMethodCount();
        var jitBefore = JitInfo.GetCompilationTime();
        var pausesBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = GC.CollectionCount(0);
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var syncing = Stopwatch.StartNew();
        await target.StartAsync();
        await arrived;
        syncing.Stop();
        var methods = JitInfo.GetCompiledMethodCount() - methodsBefore;
        var jit = JitInfo.GetCompilationTime() - jitBefore;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var pauses = GC.GetTotalPauseDuration() - pausesBefore;
        var collections = GC.CollectionCount(0) - collectionsBefore;
        var allocatedMb = (GC.GetTotalAllocatedBytes() - allocatedBefore) / (1024.0 * 1024);
        return new Result(
            SyncMs: syncing.Elapsed.TotalMilliseconds, MethodsJitted: methods, JitMs: jit.TotalMilliseconds, CpuMs: cpu.TotalMilliseconds,
            GcPauseMs: pauses.TotalMilliseconds, Collections: collections, AllocatedMb: allocatedMb,
            StartupMs: 0, FillMs: 0, SetupMs: settingUp.Elapsed.TotalMilliseconds, ProcessMs: 0);
    }

    /// <summary>The figures of one child, as it prints them and the report reads them back.</summary>
    public sealed record Result(double SyncMs, double MethodsJitted, double JitMs, double CpuMs, double GcPauseMs, double Collections,
        double AllocatedMb, double StartupMs, double FillMs, double SetupMs, double ProcessMs)
    {
        private const string Prefix = "cold-start ";

        public static Result Parse(string output)
        {
            var line = output.Split('\n').FirstOrDefault(line => line.StartsWith(Prefix, StringComparison.Ordinal))
                       ?? throw new FormatException($"The cold-start child printed no figures: {output}");
            var values = line[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('='))
                .ToDictionary(pair => pair[0], pair => double.Parse(pair[1], CultureInfo.InvariantCulture));
            return new Result(values["sync_ms"], values["jitted"], values["jit_ms"], values["cpu_ms"], values["gc_pause_ms"], values["collections"],
                values["allocated_mb"], values["startup_ms"], values["fill_ms"], values["setup_ms"], 0);
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}sync_ms={SyncMs:F1} jitted={MethodsJitted} jit_ms={JitMs:F1} cpu_ms={CpuMs:F1} gc_pause_ms={GcPauseMs:F1} collections={Collections} allocated_mb={AllocatedMb:F1} startup_ms={StartupMs:F1} fill_ms={FillMs:F1} setup_ms={SetupMs:F1}");
    }
}
