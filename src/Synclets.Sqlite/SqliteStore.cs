using System.Data.Common;
using Microsoft.Data.Sqlite;
using Synclets.Relational;
using Synclets.Typed;

namespace Synclets.Sqlite;

/// <summary>
/// A SQLite database that one synclet's connectors share: one connection, prepared statements, and
/// one transaction per batch across the leaf and hash tables. It opens when the first connector is
/// attached and closes when the last is detached (when the synclet is disposed).
/// </summary>
/// <example>
/// <code>
/// var (data, meta) = SqliteStore.ForFile("app.db").CreateConnectors(depth: 3);
/// await using var synclet = await Synclet.CreateAsync(new SyncletComponents(data, meta, transport));
/// </code>
/// </example>
public sealed class SqliteStore : RelationalStore
{
    private readonly string _connectionString;

    /// <summary>Creates a store for a Microsoft.Data.Sqlite connection string (e.g. <c>Data Source=app.db</c>).</summary>
    public SqliteStore(string connectionString, SqliteStoreOptions? options = null) : base(SqliteDialect.Instance)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _connectionString = new SqliteConnectionStringBuilder(connectionString).ToString();
        Options = options ?? new SqliteStoreOptions();
        if (Options.WalAutoCheckpointPages < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.WalAutoCheckpointPages,
                "SqliteStoreOptions.WalAutoCheckpointPages must be at least 1: without checkpoints the write-ahead log would grow without bound.");
        }
    }

    /// <summary>How the connection is configured.</summary>
    public SqliteStoreOptions Options { get; }

    /// <summary>The connection string the store opens.</summary>
    public string ConnectionString => _connectionString;

    /// <summary>
    /// A store for the database file at <paramref name="path"/> (created when missing). Connections
    /// are not pooled, so the file is released as soon as the synclet is disposed.
    /// </summary>
    public static SqliteStore ForFile(string path, SqliteStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        };
        return new SqliteStore(builder.ToString(), options);
    }

    /// <summary>A data and a meta connector in the tree-table layout over this store, for a tree of <paramref name="depth"/> levels.</summary>
    public (SqliteDataConnector Data, SqliteMetaConnector Meta) CreateConnectors(int depth, TreeTableOptions? options = null) =>
        (new SqliteDataConnector(this, depth, options), new SqliteMetaConnector(this, depth, options));

    /// <summary>A typed data connector for one table at the root (e.g. <c>TodoTableMap.Instance</c>) and its meta connector over this store.</summary>
    public (SqliteTypedDataConnector Data, SqliteMetaConnector Meta) CreateConnectors(ISyncletTableMap table, TypedTableOptions? options = null)
    {
        var data = new SqliteTypedDataConnector(this, table, options);
        return (data, new SqliteMetaConnector(this, data.Depth, options?.Tree));
    }

    /// <summary>A typed data connector for a schema of several tables (e.g. <c>TodoDb.Schema</c>) and its meta connector over this store.</summary>
    public (SqliteTypedDataConnector Data, SqliteMetaConnector Meta) CreateConnectors(SyncletSchema schema, TypedTableOptions? options = null)
    {
        var data = new SqliteTypedDataConnector(this, schema, options);
        return (data, new SqliteMetaConnector(this, data.Depth, options?.Tree));
    }

    /// <summary>A deferred transaction: in WAL mode it reads a snapshot and takes no write lock.</summary>
    protected internal override Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    /// <inheritdoc />
    protected override bool SharesDataAcrossConnections
    {
        get
        {
            var builder = new SqliteConnectionStringBuilder(_connectionString);
            var inMemory = builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:";
            return !inMemory || builder.Cache == SqliteCacheMode.Shared;
        }
    }

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            var journal = Options.WriteAheadLog
                ? $"PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = {Options.WalAutoCheckpointPages.ToString(System.Globalization.CultureInfo.InvariantCulture)};"
                : string.Empty;
            var synchronous = Options.Synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL";
            command.CommandText = $"{journal} PRAGMA synchronous = {synchronous};";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            var file = new SqliteConnectionStringBuilder(_connectionString).DataSource;
            throw new StoreConnectionException(
                $"Synclets could not open its SQLite store '{file}': {exception.Message} Check that the folder exists and that this process may write there.", exception);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
