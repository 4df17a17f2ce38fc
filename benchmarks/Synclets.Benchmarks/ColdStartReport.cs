using System.Diagnostics;
using System.Globalization;

namespace Synclets.Benchmarks;

/// <summary>
/// The first sync of a fresh process (<c>--cold-start</c>): launches fresh child processes of this
/// program (<c>--cold-start-child</c>, see <see cref="ColdStartChild"/>), each of which fills a source
/// and syncs 100k atoms into an empty peer exactly once, and reports the median, fastest and slowest
/// of their in-process sync times; <c>--also NAME=PATH</c> measures another build of this program
/// (its apphost or dll, e.g. a ReadyToRun publish) in turns with this one. Not a BenchmarkDotNet job: its ColdStart strategy runs one
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

        // This build, and each other build of this program given as --also NAME=PATH (a ReadyToRun
        // publish, say), launched in turns so that whatever else the machine does weighs on each alike.
        var builds = new List<(string Name, string Host, string? Assembly)> { ("build", ThisHost(), ThisAssembly()) };
        for (var i = Array.IndexOf(args, "--also"); i >= 0 && i + 1 < args.Length; i = Array.IndexOf(args, "--also", i + 1))
        {
            var (name, path) = (args[i + 1][..args[i + 1].IndexOf('=')], Path.GetFullPath(args[i + 1][(args[i + 1].IndexOf('=') + 1)..]));
            builds.Add(path.EndsWith(".dll", StringComparison.Ordinal) ? (name, "dotnet", path) : (name, path, null));
        }

        var runs = builds.ToDictionary(build => build.Name, _ => new List<ColdStartChild.Result>());
        for (var launch = 0; launch < launches; launch++)
        {
            foreach (var (name, host, assembly) in builds)
            {
                runs[name].Add(await LaunchAsync(host, assembly));
            }
        }

        Console.WriteLine($"{ColdStartChild.Atoms:N0} atoms (depth {ColdStartChild.Depth}, memory parts, MessagePack), the first sync of a fresh process, " +
                          $"{launches} processes per build ({Environment.ProcessorCount} cores). Times in ms, measured inside each process.");
        Console.WriteLine();
        Console.WriteLine("| build | | sync | CPU during the sync (all threads) | methods jitted during the sync | JIT time during the sync | GC pauses during the sync (collections) | allocated during the sync (MB) | startup to Main | filling the source | creating the synclets, starting the source | process, start to exit |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (build, results) in runs)
        {
            foreach (var (name, pick) in new (string, Func<IReadOnlyList<double>, double>)[] { ("median", Median), ("min", values => values.Min()), ("max", values => values.Max()) })
            {
                string Cell(Func<ColdStartChild.Result, double> value) => pick(results.Select(value).ToList()).ToString("F0", CultureInfo.InvariantCulture);
                Console.WriteLine($"| {build} | {name} | {Cell(run => run.SyncMs)} | {Cell(run => run.CpuMs)} | {Cell(run => run.MethodsJitted)} | {Cell(run => run.JitMs)} | " +
                                  $"{Cell(run => run.GcPauseMs)} ({Cell(run => run.Collections)}) | {Cell(run => run.AllocatedMb)} | " +
                                  $"{Cell(run => run.StartupMs)} | {Cell(run => run.FillMs)} | {Cell(run => run.SetupMs)} | {Cell(run => run.ProcessMs)} |");
            }
        }

        Console.WriteLine();
        foreach (var (build, results) in runs)
        {
            var syncs = results.Select(run => run.SyncMs).ToList();
            Console.WriteLine($"Each sync, {build}: " + string.Join(", ", syncs.Select(ms => ms.ToString("F0", CultureInfo.InvariantCulture))) + " ms.");
            var metric = build == "build" ? "cold-start-100k" : $"cold-start-100k-{build}";
            metrics.Write($"{metric}-ms", Median(syncs));
            metrics.Write($"{metric}-ms-min", syncs.Min());
            metrics.Write($"{metric}-ms-max", syncs.Max());
            metrics.Write($"{metric}-launches", launches);
        }
    }

    /// <summary>How this process was run: its apphost, or <c>dotnet</c>.</summary>
    private static string ThisHost() => Environment.ProcessPath ?? "dotnet";

    /// <summary>The assembly to hand <c>dotnet</c>; none when this process runs through its apphost.</summary>
    private static string? ThisAssembly() =>
        Path.GetFileNameWithoutExtension(ThisHost()) == "dotnet" ? typeof(ColdStartReport).Assembly.Location : null;

    /// <summary>Runs one child process and reads its figures from the line it prints.</summary>
    private static async Task<ColdStartChild.Result> LaunchAsync(string host, string? assembly)
    {
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        if (assembly is not null)
        {
            start.ArgumentList.Add(assembly);
        }

        start.ArgumentList.Add(ColdStartChild.Flag);
        var clock = Stopwatch.StartNew();
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host}.");
        var output = await child.StandardOutput.ReadToEndAsync().WaitAsync(ChildTimeout);
        await child.WaitForExitAsync().WaitAsync(ChildTimeout);
        var processMs = clock.Elapsed.TotalMilliseconds;
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The cold-start child ({host}) exited with {child.ExitCode}: {output}");
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
