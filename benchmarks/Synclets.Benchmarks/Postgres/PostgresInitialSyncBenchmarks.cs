using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Npgsql;
using NpgsqlTypes;
using Synclets.Connectors.Memory;
using Synclets.Hashing;
using Synclets.Wire;

namespace Synclets.Benchmarks.Postgres;

/// <summary>
/// The whole 100k-atom depth-3 tree synced from a memory synclet into an empty PostgreSQL synclet,
/// in the tree layout and in the typed layout, against the raw ceiling: the same rows the tree
/// layout stores (atoms, timestamps, interior hashes) written with batched upserts through Npgsql.
/// One class, so the three figures come from one run and the raw one is the baseline of the ratio.
/// Each iteration gets a schema of its own, dropped afterwards, so every one starts from empty.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class PostgresInitialSyncBenchmarks
{
    private const int Depth = 3;

    // Transactions of this many atoms: the sync commits batch by batch too, never 100k rows at once.
    private const int AtomsPerTransaction = 10_000;

    private MemoryDataConnector _memoryData = null!;
    private MemoryMetaConnector _memoryMeta = null!;
    private List<(Address Address, string Atom, string Timestamp)> _rows = null!;
    private string _schema = null!;
    private NpgsqlDataSource _dataSource = null!;
    private NpgsqlConnection? _connection;
    private Synclet? _source;
    private Synclet? _target;
    private Task _arrived = null!;

    /// <summary>Atoms in the tree.</summary>
    [Params(100_000)]
    public int Atoms { get; set; }

    /// <summary>Fills the memory source once; the raw ceiling writes the same atoms and timestamps.</summary>
    [GlobalSetup]
    public async Task FillSourceAsync()
    {
        (_memoryData, _memoryMeta) = await Workload.FillAsync(Atoms, Depth);
        var timestamps = (await _memoryMeta.GetMetaAsync()).Leaves().ToDictionary(leaf => leaf.Key, leaf => leaf.Value);
        _rows = [.. (await _memoryData.GetDataAsync()).Leaves().Select(leaf => (leaf.Key, leaf.Value.AsString(), timestamps[leaf.Key]))];
    }

    /// <summary>The memory source and an empty tree-layout target.</summary>
    [IterationSetup(Target = nameof(Tree))]
    public void CreateTreePeers() => CreatePeers(typed: false);

    /// <summary>The memory source and an empty typed-layout target.</summary>
    [IterationSetup(Target = nameof(Typed))]
    public void CreateTypedPeers() => CreatePeers(typed: true);

    /// <summary>Tree tables in a new schema, created by a tree-layout synclet as the sync would, and an open connection.</summary>
    [IterationSetup(Target = nameof(RawUpserts))]
    public void CreateTables()
    {
        CreateSchema();
        var (data, meta) = PostgresBenchmarkWorkload.Connectors(_dataSource, typed: false);
        Synclet.CreateAsync(new SyncletComponents(data, meta), options: new SyncletOptions { Id = "raw" }).GetAwaiter().GetResult()
            .DisposeAsync().AsTask().GetAwaiter().GetResult();
        _connection = _dataSource.OpenConnection();
    }

    /// <summary>Initial sync into the tree layout (synclets_tree and synclets_hashes).</summary>
    [Benchmark]
    public Task Tree() => SyncAsync();

    /// <summary>Initial sync into the typed layout: tables t0…t9 of rows with columns c0…c9, plus the tree tables.</summary>
    [Benchmark]
    public Task Typed() => SyncAsync();

    /// <summary>
    /// The ceiling: the tree layout's rows — each atom as JSON beside its timestamp, every interior
    /// hash — as batched multi-row upserts, <see cref="AtomsPerTransaction"/> atoms per transaction.
    /// </summary>
    [Benchmark(Baseline = true)]
    public async Task RawUpserts()
    {
        var connection = _connection!;
        var hashes = new Dictionary<Address, uint>();
        const NpgsqlDbType Text = NpgsqlDbType.Text;
        using var leaves = new BatchedUpsert(
            connection, "synclets_tree", 4, ("scope", Text), ("address1", Text), ("address2", Text), ("address3", Text), ("atom", Text), ("timestamp", Text));
        for (var start = 0; start < _rows.Count; start += AtomsPerTransaction)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            for (var i = start; i < Math.Min(start + AtomsPerTransaction, _rows.Count); i++)
            {
                var (address, value, time) = _rows[i];
                await leaves.AddAsync(string.Empty, address[0], address[1], address[2], $"\"{value}\"", time);
                for (var level = 0; level < Depth; level++)
                {
                    hashes[address.Take(level)] = hashes.GetValueOrDefault(address.Take(level)) ^ Fnv1a.HashTimestamp(time);
                }
            }

            await leaves.FlushAsync();
            await transaction.CommitAsync();
        }

        // The interior hashes (root, tables, rows) once every leaf is in, as the sync's last batch would.
        await using var last = await connection.BeginTransactionAsync();
        using var hashUpsert = new BatchedUpsert(connection, "synclets_hashes", 2, ("scope", Text), ("address", Text), ("hash", NpgsqlDbType.Bigint));
        foreach (var (address, hash) in hashes)
        {
            await hashUpsert.AddAsync(string.Empty, "[" + string.Join(",", address.Select(id => $"\"{id}\"")) + "]", (long)hash);
        }

        await hashUpsert.FlushAsync();
        await last.CommitAsync();
    }

    /// <summary>Disposes the peers or the connection, then drops the iteration's schema.</summary>
    [IterationCleanup]
    public void DropSchema()
    {
        _target?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _source?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _connection?.Dispose();
        (_target, _source, _connection) = (null, null, null);
        _dataSource.Dispose();
        PostgresBenchmarkWorkload.DropSchema(_schema);
    }

    private async Task SyncAsync()
    {
        await _target!.StartAsync();
        await _arrived;
    }

    /// <summary>A memory source and an empty PostgreSQL target in a new schema, the source already started.</summary>
    private void CreatePeers(bool typed)
    {
        CreateSchema();
        var pool = Guid.NewGuid().ToString("N");
        _source = Synclet.CreateAsync(new SyncletComponents(_memoryData, _memoryMeta, Workload.Transport(pool, WireFormat.MessagePack)),
            options: new SyncletOptions { Id = "source" }).GetAwaiter().GetResult();
        var (data, meta) = PostgresBenchmarkWorkload.Connectors(_dataSource, typed);
        _target = Synclet.CreateAsync(new SyncletComponents(data, meta, Workload.Transport(pool, WireFormat.MessagePack)),
            options: new SyncletOptions { Id = "target" }).GetAwaiter().GetResult();
        _arrived = Workload.RemoteChanges(_target, Atoms);
        _source.StartAsync().GetAwaiter().GetResult();
    }

    private void CreateSchema()
    {
        _schema = PostgresBenchmarkWorkload.NewSchema();
        _dataSource = PostgresBenchmarkWorkload.DataSource(_schema);
    }
}
