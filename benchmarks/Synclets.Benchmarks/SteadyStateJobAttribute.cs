using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace Synclets.Benchmarks;

/// <summary>
/// The job of the in-memory sync suites: one sync per iteration, 30 warm-up runs, 15 measured. The
/// 1k and 10k syncs are short enough that a couple of warm-up runs end while the JIT is still
/// recompiling the hot methods (its thread took a sixth of the CPU in the first seconds), and the
/// figure wanted is the steady state.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class SteadyStateJobAttribute() : JobConfigBaseAttribute(
    Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(30).WithIterationCount(15));
