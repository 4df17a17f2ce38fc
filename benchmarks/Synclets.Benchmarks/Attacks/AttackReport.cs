using System.Diagnostics;

namespace Synclets.Benchmarks.Attacks;

/// <summary>
/// Runs the floods of the hostile-clients review at full rate, on this machine, and prints what each
/// cost the target (<c>--attack</c>, run by <c>benchmarks/attack.sh</c>). The tests assert the
/// bounds; this report gives the figures.
/// </summary>
internal static class AttackReport
{
    public static async Task PrintAsync()
    {
        Console.WriteLine("| # | attack | what it cost the target |");
        Console.WriteLine("|---:|---|---|");
        foreach (var attack in new Func<Task<AttackRow>>[]
        {
            () => RootListingFlood.RunAsync(distinct: false),
            () => RootListingFlood.RunAsync(distinct: true),
            ListingFlood.RunAsync,
            FragmentBroadcast.RunAsync,
            GarbageFlood.RunAsync,
            DecompressionBombs.RunAsync,
        })
        {
            GC.Collect();
            var row = await attack();
            Console.WriteLine($"| {row.Number} | {row.Attack} | {row.Cost} |");
        }

        using var process = Process.GetCurrentProcess();
        Console.WriteLine();
        Console.WriteLine($"Peak working set of the whole run: {process.PeakWorkingSet64 / 1048576} MiB.");
    }
}
