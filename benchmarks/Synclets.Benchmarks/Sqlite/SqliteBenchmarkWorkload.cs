using Microsoft.Data.Sqlite;
using Synclets.Connectors;
using Synclets.Sqlite;
using Synclets.Typed;

namespace Synclets.Benchmarks.Sqlite;

/// <summary>The SQLite side of the benchmark workload: stores in a temp folder, and the typed schema of its 10 tables.</summary>
internal static class SqliteBenchmarkWorkload
{
    public static readonly string Folder = Path.Combine(Path.GetTempPath(), "synclets-sqlite-benchmarks");

    /// <summary>Tables t0…t9, rows keyed "id", string columns c0…c9: the workload's depth-3 tree as typed tables.</summary>
    public static readonly SyncletSchema Schema = SyncletSchema.ForTables(
        Enumerable.Range(0, 10).ToDictionary(table => "t" + table, _ => (ISyncletTableMap)RowMap.Instance));

    public static string NewDatabase()
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".db");
    }

    public static void Delete(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>Empty connectors over a new database: tree tables, or typed tables.</summary>
    public static (DataConnector Data, MetaConnector Meta) Connectors(string path, bool typed)
    {
        var store = SqliteStore.ForFile(path);
        return typed ? store.CreateConnectors(Schema) : store.CreateConnectors(3);
    }

    /// <summary>Creates the connectors' tables in a new database, empty, as a synclet's start does.</summary>
    public static async Task CreateTablesAsync(string path, bool typed)
    {
        var (data, meta) = Connectors(path, typed);
        await using var synclet = await Synclet.CreateAsync(new SyncletComponents(data, meta), options: new SyncletOptions { Id = "raw" });
    }

    /// <summary>A connection configured as the store configures its own (WAL, synchronous=NORMAL).</summary>
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private sealed class RowMap : ISyncletTableMap
    {
        public static readonly RowMap Instance = new();

        public string TableName => "rows";

        public IReadOnlyList<SyncletColumn> KeyColumns { get; } = [new("id", SyncletColumnType.Text, false)];

        public IReadOnlyList<SyncletColumn> ValueColumns { get; } =
            [.. Enumerable.Range(0, 10).Select(column => new SyncletColumn("c" + column, SyncletColumnType.Text, true))];

        public string Fingerprint => "benchmark-rows";

        public bool AcceptsKey(int keyIndex, string id) => keyIndex == 0;

        public bool AcceptsValue(string columnName, Atom atom) => ValueColumns.Any(column => column.Name == columnName && column.Accepts(atom));
    }
}
