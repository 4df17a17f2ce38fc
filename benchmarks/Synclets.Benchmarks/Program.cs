using BenchmarkDotNet.Running;
using Synclets.Benchmarks;

if (args.Contains("--wire-report"))
{
    await WireReport.PrintAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(InitialSyncBenchmarks).Assembly).Run(args);
