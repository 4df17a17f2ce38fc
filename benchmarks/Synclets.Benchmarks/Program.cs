using BenchmarkDotNet.Running;
using Synclets.Benchmarks;
using Synclets.Benchmarks.Postgres;
using Synclets.Benchmarks.WebSockets;
using Synclets.WebSockets.Server;

// The console reports also write "metric name=value" lines to the file after --metrics, if given.
if (args.Contains("--wire-report"))
{
    await WireReport.PrintAsync(MetricsFile.FromArgs(args));
    return;
}

// The child first: a fresh process that runs one sync and nothing else.
if (args.Contains(ColdStartChild.Flag))
{
    await ColdStartChild.RunAsync(args);
    return;
}

if (args.Contains("--cold-start"))
{
    // --launches N changes the number of fresh processes (7); --also NAME=PATH measures another build too.
    await ColdStartReport.PrintAsync(args, MetricsFile.FromArgs(args));
    return;
}

if (args.Contains("--large-sync"))
{
    await LargeSyncReport.PrintAsync(MetricsFile.FromArgs(args));
    return;
}

if (args.Contains("--stored-rooms"))
{
    await Synclets.Benchmarks.Sqlite.StoredRoomsReport.PrintAsync(MetricsFile.FromArgs(args));
    return;
}

if (args.Contains("--soak"))
{
    // --operations N and --seed S change the run's size and its random choices.
    string? After(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    await SoakReport.PrintAsync(int.Parse(After("--operations") ?? "100000"), ulong.Parse(After("--seed") ?? "1"));
    return;
}

if (args.Contains("--attack"))
{
    // Numbers after --attack run only those attacks (as numbered in the hostile-clients review).
    var only = args.SkipWhile(arg => arg != "--attack").Skip(1).TakeWhile(arg => int.TryParse(arg, out _)).Select(int.Parse).ToHashSet();
    await Synclets.Benchmarks.Attacks.AttackReport.PrintAsync(only);
    return;
}

if (args.Contains("--observation-overhead"))
{
    await Synclets.Benchmarks.Observability.ObservationOverheadReport.PrintAsync(MetricsFile.FromArgs(args));
    return;
}

if (args.Contains("--cluster-load"))
{
    await Synclets.Benchmarks.Cluster.ClusterLoadReport.PrintAsync();
    return;
}

if (args.Contains("--ws-load"))
{
    // --max-queued-frames N gives the broker another MaxQueuedFramesPerClient, to compare with the default.
    var at = Array.IndexOf(args, "--max-queued-frames");
    var options = at >= 0 && at + 1 < args.Length ? new WsServerOptions { MaxQueuedFramesPerClient = int.Parse(args[at + 1]) } : null;
    await WsLoadReport.PrintAsync(options);
    return;
}

// Every class with benchmarks, less the PostgreSQL ones when SYNCLETS_POSTGRES names no database.
// (An abstract class shares its benchmarks with the classes derived from it; BenchmarkDotNet refuses it.)
var benchmarks = typeof(InitialSyncBenchmarks).Assembly.GetExportedTypes()
    .Where(type => !type.IsAbstract && type.GetMethods().Any(method => method.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), inherit: false)));
BenchmarkSwitcher.FromTypes(PostgresBenchmarkWorkload.Available(benchmarks)).Run(args);
