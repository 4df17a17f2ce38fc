using System.Diagnostics;

namespace Synclets.Benchmarks.Attacks;

/// <summary>
/// Runs the floods of the hostile-clients review at full rate, on this machine, and prints what each
/// cost the target (<c>--attack</c>, run by <c>benchmarks/attack.sh</c>). The tests assert the
/// bounds; this report gives the figures.
/// </summary>
internal static class AttackReport
{
    /// <summary>Runs the attacks whose numbers are in <paramref name="only"/> (all when empty) and prints a table.</summary>
    public static async Task PrintAsync(IReadOnlySet<int> only)
    {
        Console.WriteLine("| # | attack | what it cost the target |");
        Console.WriteLine("|---:|---|---|");
        foreach (var (number, attack) in new (int, Func<Task<AttackRow>>)[]
        {
            (2, () => RootListingFlood.RunAsync(distinct: false)),
            (2, () => RootListingFlood.RunAsync(distinct: true)),
            (3, ListingFlood.RunAsync),
            (4, BrokerFlood.RunAsync),
            (6, FragmentBroadcast.RunAsync),
            (7, GarbageFlood.RunAsync),
            (8, DecompressionBombs.RunAsync),
        })
        {
            if (only.Count > 0 && !only.Contains(number))
            {
                continue;
            }

            GC.Collect();
            var row = await attack();
            Console.WriteLine($"| {row.Number} | {row.Attack} | {row.Cost} |");
        }

        using var process = Process.GetCurrentProcess();
        Console.WriteLine();
        Console.WriteLine($"Peak working set of the whole run: {process.PeakWorkingSet64 / 1048576} MiB.");
    }
}
