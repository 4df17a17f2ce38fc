using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;

namespace Synclets.Benchmarks.Sqlite;

/// <summary>The ceiling for <see cref="SqliteInitialSyncBenchmarks"/>: <see cref="Sqlite.RawUpserts"/> of the same rows.</summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 7)]
public class SqliteRawUpsertBenchmarks
{
    private const int Depth = 3;
    private List<(Address Address, string Atom, string Timestamp)> _rows = null!;
    private string _path = null!;
    private SqliteConnection _connection = null!;

    [Params(100_000)]
    public int Atoms { get; set; }

    [Params("tree", "typed")]
    public string Target { get; set; } = "tree";

    [GlobalSetup]
    public async Task ReadSourceAsync()
    {
        var (data, meta) = await Workload.FillAsync(Atoms, Depth);
        _rows = await Sqlite.RawUpserts.RowsAsync(data, meta);
    }

    [IterationSetup]
    public void CreateTables()
    {
        _path = SqliteBenchmarkWorkload.NewDatabase();
        SqliteBenchmarkWorkload.CreateTablesAsync(_path, typed: Target == "typed").GetAwaiter().GetResult();
        _connection = SqliteBenchmarkWorkload.Open(_path);
    }

    [Benchmark]
    public void RawUpserts() => Sqlite.RawUpserts.Write(_connection, _rows, typed: Target == "typed");

    [IterationCleanup]
    public void DeleteDatabase()
    {
        _connection.Dispose();
        SqliteBenchmarkWorkload.Delete(_path);
    }
}
