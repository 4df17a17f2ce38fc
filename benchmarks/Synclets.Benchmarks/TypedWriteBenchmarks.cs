using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Synclets.Connectors.Memory;
using Synclets.Typed;

namespace Synclets.Benchmarks;

/// <summary>A row of the typed-write benchmark: a key and four columns of different types.</summary>
[Synclet(Depth = 2)]
public partial record BenchmarkRow([property: SyncletKey] string Id, string Name, long Count, bool Active, double Score);

/// <summary>10k rows written through a generated typed synclet, and the same atoms through the untyped API.</summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class TypedWriteBenchmarks
{
    private const int Rows = 10_000;
    private BenchmarkRow[] _rows = null!;
    private BenchmarkRowSynclet _typed = null!;
    private Synclet _untyped = null!;

    [GlobalSetup]
    public void CreateRows() =>
        _rows = [.. Enumerable.Range(0, Rows).Select(i => new BenchmarkRow("r" + i, "name " + i, i, i % 2 == 0, i * 0.5))];

    [IterationSetup]
    public void CreateSynclets()
    {
        _typed = BenchmarkRowSynclet.CreateAsync(new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(2))).GetAwaiter().GetResult();
        _untyped = Synclet.CreateAsync(new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(2))).GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task TypedSetAsync()
    {
        foreach (var row in _rows)
        {
            await _typed.SetAsync(row);
        }
    }

    [Benchmark(Baseline = true)]
    public async Task UntypedSetAtomsAsync()
    {
        foreach (var row in _rows)
        {
            var address = new Address(row.Id);
            await _untyped.SetAtomsAsync(
            [
                new(address.Append("Name"), row.Name),
                new(address.Append("Count"), row.Count),
                new(address.Append("Active"), row.Active),
                new(address.Append("Score"), row.Score),
            ]);
        }
    }

    [IterationCleanup]
    public void DisposeSynclets()
    {
        _typed.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _untyped.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
