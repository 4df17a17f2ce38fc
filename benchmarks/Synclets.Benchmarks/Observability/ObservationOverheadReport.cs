using System.Diagnostics;
using Synclets.Wire;

namespace Synclets.Benchmarks.Observability;

/// <summary>
/// What a metrics listener costs, measured so that the machine's drift cancels out: the same pair
/// of synclets works in alternating blocks, unwatched and watched by metrics (<see cref="Observation"/>),
/// the order flipping each round, and each round gives the ratio of its watched block to its
/// unwatched one. On a machine whose speed wanders by tens of percent between BenchmarkDotNet's
/// cases, the median of these paired ratios still shows a difference of a few percent.
/// </summary>
internal static class ObservationOverheadReport
{
    private const int Rounds = 100;

    public static async Task PrintAsync(MetricsFile metrics)
    {
        Console.WriteLine("## What a metrics listener costs (alternating blocks, same process)");
        Console.WriteLine();
        Console.WriteLine("| workload | unwatched: median per op | watched by metrics: median per op | watched / unwatched: median of paired ratios (middle half) |");
        Console.WriteLine("|---|---:|---:|---:|");

        await using (var incremental = await IncrementalPair.SyncAsync(WireFormat.MessagePack))
        {
            var result = await MeasureAsync(operations: 2_000, async () =>
            {
                for (var i = 0; i < 2_000; i++)
                {
                    await incremental.WriteOneAsync();
                }
            });
            Print("one atom on a 100k tree (MessagePack)", result, "µs", 1e6, metrics, "observation_incremental_ratio");
        }

        var initial = await InitialPair.FillAsync(10_000, 3, WireFormat.MessagePack);
        var initialResult = await MeasureAsync(operations: 5, async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                initial.CreatePeers();
                await initial.SyncAsync();
                initial.DisposePeers();
            }
        });
        Print("10k initial sync (depth 3, MessagePack; with creating the peers)", initialResult, "ms", 1e3, metrics, "observation_initial_ratio");
        Console.WriteLine();
    }

    /// <summary>Runs <paramref name="block"/> (of <paramref name="operations"/> operations) in unwatched and watched pairs; seconds per operation.</summary>
    private static async Task<(List<double> Off, List<double> On, List<double> Ratios)> MeasureAsync(int operations, Func<Task> block)
    {
        await block(); // warm up
        var (off, on, ratios) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var watched in round % 2 == 0 ? new[] { false, true } : [true, false])
            {
                using var observation = watched ? Observation.Start(Watch.Metrics) : null;
                var clock = Stopwatch.StartNew();
                await block();
                (watched ? on : off).Add(clock.Elapsed.TotalSeconds / operations);
            }

            ratios.Add(on[^1] / off[^1]);
        }

        return (off, on, ratios);
    }

    private static void Print(string workload, (List<double> Off, List<double> On, List<double> Ratios) result, string unit, double scale, MetricsFile metrics, string metric)
    {
        var ratios = result.Ratios.Order().ToList();
        var (low, median, high) = (ratios[ratios.Count / 4], Median(ratios), ratios[3 * ratios.Count / 4]);
        Console.WriteLine($"| {workload} | {Median(result.Off) * scale:0.00} {unit} | {Median(result.On) * scale:0.00} {unit} | {median:0.000} ({low:0.000}–{high:0.000}) |");
        metrics.Write(metric, median);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
