using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;
using Synclets.Hashing;

namespace Synclets.Benchmarks.Sqlite;

/// <summary>
/// The ceiling for <see cref="SqliteInitialSyncBenchmarks"/>: plain prepared upserts, in one
/// transaction, of the same rows the sync stores — each atom and its timestamp, every interior
/// hash, and for typed tables each typed row — into the tables the connectors create.
/// </summary>
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
        var timestamps = (await meta.GetMetaAsync()).Leaves().ToDictionary(leaf => leaf.Key, leaf => leaf.Value);
        _rows = [.. (await data.GetDataAsync()).Leaves().Select(leaf => (leaf.Key, leaf.Value.AsString(), timestamps[leaf.Key]))];
    }

    [IterationSetup]
    public void CreateTables()
    {
        _path = SqliteBenchmarkWorkload.NewDatabase();
        var (data, meta) = SqliteBenchmarkWorkload.Connectors(_path, typed: Target == "typed");
        Synclet.CreateAsync(new SyncletComponents(data, meta), options: new SyncletOptions { Id = "raw" }).GetAwaiter().GetResult()
            .DisposeAsync().AsTask().GetAwaiter().GetResult();
        _connection = SqliteBenchmarkWorkload.Open(_path);
    }

    [Benchmark]
    public void RawUpserts()
    {
        using var transaction = _connection.BeginTransaction();
        using var atom = Prepare(transaction, "INSERT INTO synclets_data (address, address1, address2, address3, atom) VALUES (@p0, @p1, @p2, @p3, @p4) ON CONFLICT (address) DO UPDATE SET atom = excluded.atom", 5);
        using var timestamp = Prepare(transaction, "INSERT INTO synclets_meta (address, address1, address2, address3, timestamp) VALUES (@p0, @p1, @p2, @p3, @p4) ON CONFLICT (address) DO UPDATE SET timestamp = excluded.timestamp", 5);
        var hashes = new Dictionary<Address, uint>();
        foreach (var (address, value, time) in _rows)
        {
            var key = $"[\"{address[0]}\",\"{address[1]}\",\"{address[2]}\"]";
            Run(atom, key, address[0], address[1], address[2], $"\"{value}\"");
            Run(timestamp, key, address[0], address[1], address[2], time);
            for (var level = 0; level < Depth; level++)
            {
                hashes[address.Take(level)] = hashes.GetValueOrDefault(address.Take(level)) ^ Fnv1a.HashTimestamp(time);
            }
        }

        using var hash = Prepare(transaction, "INSERT INTO synclets_meta (address, address1, address2, address3, hash) VALUES (@p0, @p1, @p2, NULL, @p3) ON CONFLICT (address) DO UPDATE SET hash = excluded.hash", 4);
        foreach (var (address, value) in hashes)
        {
            var key = "[" + string.Join(",", address.Select(id => $"\"{id}\"")) + "]";
            Run(hash, key, address.Count > 0 ? address[0] : DBNull.Value, address.Count > 1 ? address[1] : DBNull.Value, (long)value);
        }

        if (Target == "typed")
        {
            var upserts = Enumerable.Range(0, 10).Select(table => Prepare(transaction,
                $"INSERT INTO \"t{table}\" (id, {Columns("c{0}")}) VALUES (@p0, {Columns("@p{1}")}) ON CONFLICT (id) DO UPDATE SET {Columns("c{0} = excluded.c{0}")}", 11)).ToList();
            foreach (var row in _rows.GroupBy(row => (row.Address[0], row.Address[1])))
            {
                var upsert = upserts[int.Parse(row.Key.Item1.AsSpan(1))];
                upsert.Parameters[0].Value = row.Key.Item2;
                foreach (var (address, value, _) in row)
                {
                    upsert.Parameters[1 + int.Parse(address[2].AsSpan(1))].Value = value;
                }

                upsert.ExecuteNonQuery();
            }

            upserts.ForEach(upsert => upsert.Dispose());
        }

        transaction.Commit();
    }

    [IterationCleanup]
    public void DeleteDatabase()
    {
        _connection.Dispose();
        SqliteBenchmarkWorkload.Delete(_path);
    }

    private static string Columns(string format) =>
        string.Join(", ", Enumerable.Range(0, 10).Select(column => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, column, column + 1)));

    private SqliteCommand Prepare(SqliteTransaction transaction, string sql, int parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            command.Parameters.Add("@p" + i, SqliteType.Text);
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }
}
