using System.Diagnostics;
using CsCheck;
using Synclets.Benchmarks.WebSockets;
using Synclets.Tests.Reliability.Convergence;

namespace Synclets.Benchmarks;

/// <summary>
/// The soak variant of the convergence property (<c>--soak</c>, run by <c>benchmarks/soak.sh</c>):
/// 10 peers, 100,000 random operations (10,000 per peer) under the same faults as the tests, in each
/// topology; then the same check — same data and meta everywhere, equal to the last-writer model —
/// with the time it took to converge once the faults stopped, and the process's peak memory.
/// </summary>
internal static class SoakReport
{
    private const int Peers = 10;

    // 100 atoms: enough for many to end up deleted, few enough for writes to meet all the time.
    private const int Side = 10;
    private const double Mb = 1024 * 1024;

    public static async Task PrintAsync(int steps, ulong seed)
    {
        Console.WriteLine($"{Peers} peers, {Side * Side} atoms, {steps:N0} operations each run (set, delete, stop, start, restart, partition, heal); faults while they run: " +
                          $"{ConvergenceRun.Faults.DropRate:P0} dropped, {ConvergenceRun.Faults.DuplicateRate:P0} duplicated, {ConvergenceRun.Faults.ReorderRate:P0} reordered, {ConvergenceRun.Faults.DelayRate:P0} delayed; seed {seed}.");
        Console.WriteLine();
        Console.WriteLine("| topology | operations | faults injected | atoms | run (s) | converged after faults stopped (s) | peak working set (MB) | outcome |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
        var failed = false;
        foreach (var topology in Enum.GetValues<Topology>())
        {
            var plan = ConvergencePlan.Generator(steps, steps, minPeers: Peers, side: Side).Generate(new PCG((uint)topology + 1, seed), null, out _) with { Topology = topology };
            using var process = Process.GetCurrentProcess();
            var workingSet = new Gauge(() =>
            {
                process.Refresh();
                return process.WorkingSet64;
            });
            var running = Stopwatch.StartNew();
            string outcome;
            ConvergenceResult? result = null;
            await using (PeakSampler.Start(workingSet))
            {
                try
                {
                    result = await ConvergenceRun.RunAsync(plan, TimeSpan.FromSeconds(120));
                    outcome = "converged, equal to the model";
                }
                catch (Exception exception)
                {
                    failed = true;
                    outcome = $"**failed**: {exception.Message}";
                }
            }

            Console.WriteLine($"| {topology} | {plan.Steps.Count:N0} | {result?.FaultsInjected.ToString("N0") ?? "—"} | {result?.Atoms.ToString() ?? "—"} | {running.Elapsed.TotalSeconds:F1} | " +
                              $"{result?.TimeToConverge.TotalSeconds.ToString("F2") ?? "—"} | {workingSet.Peak / Mb:F0} | {outcome} |");
        }

        Environment.ExitCode = failed ? 1 : 0;
    }
}
