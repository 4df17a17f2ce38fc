using BenchmarkDotNet.Running;
using Synclets.Benchmarks;
using Synclets.Benchmarks.WebSockets;
using Synclets.WebSockets.Server;

if (args.Contains("--wire-report"))
{
    await WireReport.PrintAsync();
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

BenchmarkSwitcher.FromAssembly(typeof(InitialSyncBenchmarks).Assembly).Run(args);
