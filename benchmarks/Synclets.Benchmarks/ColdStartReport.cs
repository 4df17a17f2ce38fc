using System.Diagnostics;
using System.Globalization;

namespace Synclets.Benchmarks;

/// <summary>
/// The first sync of a fresh process (<c>--cold-start</c>): launches fresh child processes of this
/// program (<c>--cold-start-child</c>, see <see cref="ColdStartChild"/>), each of which fills a source
/// and syncs 100k atoms into an empty peer exactly once, and reports the median, fastest and slowest
/// of their in-process sync times. Not a BenchmarkDotNet job: its ColdStart strategy runs one
/// invocation per launch, but a launch also builds and runs its host, engine and workload first,
/// and a figure that is only the sync, timed inside the process, is what the target names.
/// </summary>
internal static class ColdStartReport
{
    private const int DefaultLaunches = 7;
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromSeconds(120);

    public static async Task PrintAsync(string[] args, MetricsFile metrics)
    {
        var at = Array.IndexOf(args, "--launches");
        var launches = at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : DefaultLaunches;
        var runs = new List<ColdStartChild.Result>();
        for (var launch = 0; launch < launches; launch++)
        {
            runs.Add(await LaunchAsync());
        }

        Console.WriteLine($"{ColdStartChild.Atoms:N0} atoms (depth {ColdStartChild.Depth}, memory parts, MessagePack), the first sync of a fresh process, " +
                          $"{launches} processes ({Environment.ProcessorCount} cores). Times in ms, measured inside each process.");
        Console.WriteLine();
        Console.WriteLine("| | sync | CPU during the sync (all threads) | methods jitted during the sync | JIT time during the sync | GC pauses during the sync (collections) | allocated during the sync (MB) | startup to Main | filling the source | creating the synclets, starting the source | process, start to exit |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, pick) in new (string, Func<IReadOnlyList<double>, double>)[] { ("median", Median), ("min", values => values.Min()), ("max", values => values.Max()) })
        {
            string Cell(Func<ColdStartChild.Result, double> value) => pick(runs.Select(value).ToList()).ToString("F0", CultureInfo.InvariantCulture);
            Console.WriteLine($"| {name} | {Cell(run => run.SyncMs)} | {Cell(run => run.CpuMs)} | {Cell(run => run.MethodsJitted)} | {Cell(run => run.JitMs)} | " +
                              $"{Cell(run => run.GcPauseMs)} ({Cell(run => run.Collections)}) | {Cell(run => run.AllocatedMb)} | " +
                              $"{Cell(run => run.StartupMs)} | {Cell(run => run.FillMs)} | {Cell(run => run.SetupMs)} | {Cell(run => run.ProcessMs)} |");
        }

        var syncs = runs.Select(run => run.SyncMs).ToList();
        Console.WriteLine();
        Console.WriteLine("Each sync: " + string.Join(", ", syncs.Select(ms => ms.ToString("F0", CultureInfo.InvariantCulture))) + " ms.");
        metrics.Write("cold-start-100k-ms", Median(syncs));
        metrics.Write("cold-start-100k-ms-min", syncs.Min());
        metrics.Write("cold-start-100k-ms-max", syncs.Max());
        metrics.Write("cold-start-100k-launches", launches);
    }

    /// <summary>Runs one child process and reads its figures from the line it prints.</summary>
    private static async Task<ColdStartChild.Result> LaunchAsync()
    {
        // Run as this process was run: through its apphost, or `dotnet` with this assembly.
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ColdStartReport).Assembly.Location);
        }

        start.ArgumentList.Add(ColdStartChild.Flag);
        var clock = Stopwatch.StartNew();
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host}.");
        var output = await child.StandardOutput.ReadToEndAsync().WaitAsync(ChildTimeout);
        await child.WaitForExitAsync().WaitAsync(ChildTimeout);
        var processMs = clock.Elapsed.TotalMilliseconds;
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The cold-start child exited with {child.ExitCode}: {output}");
        }

        return ColdStartChild.Result.Parse(output) with { ProcessMs = processMs };
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
