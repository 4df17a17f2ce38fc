using CsCheck;
using Synclets.Tests.Reliability.Convergence;

namespace Synclets.Tests.Reliability;

/// <summary>
/// Whatever the network does while they work — 20% of packets dropped, 10% duplicated, reordered,
/// delayed, peers partitioned, stopped and restarted — 3 to 10 synclets in a pool, chain, ring or
/// star hold the same data and meta once the faults stop and one sync interval passes, and that data
/// is the last writer's per atom. CI runs a fixed set of seeds, one plan each; a failure prints its
/// seed and plan. With <c>SYNCLETS_PROPERTY_ITERATIONS=N</c> each seed is followed by N-1 random plans
/// and CsCheck shrinks a failure to the smallest failing plan it finds, printing its seed.
/// </summary>
public class ConvergencePropertyTests
{
    /// <summary>The fixed seeds CI runs: each a CsCheck seed string, so a failing one replays exactly.</summary>
    public static TheoryData<string> Seeds()
    {
        var seeds = new TheoryData<string>();
        for (var i = 1u; i <= 40; i++)
        {
            seeds.Add(new PCG(i, i * 7_919UL).ToString());
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public Task Synclets_converge_to_the_last_writer_after_faults_stop(string seed) =>
        ConvergencePlan.Generator(minSteps: 10, maxSteps: 100).SampleAsync(
            plan => ConvergenceRun.RunAsync(plan, TimeSpan.FromSeconds(30)),
            seed: seed,
            iter: long.TryParse(Environment.GetEnvironmentVariable("SYNCLETS_PROPERTY_ITERATIONS"), out var iterations) ? iterations : 1,
            threads: 1,
            print: plan => plan.ToString());
}
