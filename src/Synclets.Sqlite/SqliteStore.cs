using System.Data.Common;
using Microsoft.Data.Sqlite;
using Synclets.Relational;

namespace Synclets.Sqlite;

/// <summary>
/// A SQLite database that one synclet's connectors share: one connection, prepared statements, and
/// one transaction per batch across the data and meta tables. It opens when the first connector is
/// attached and closes when the last is detached (when the synclet is disposed).
/// </summary>
/// <example>
/// <code>
/// var store = SqliteStore.ForFile("app.db");
/// await using var synclet = await Synclet.CreateAsync(new SyncletComponents(
///     new SqliteDataConnector(store, depth: 3), new SqliteMetaConnector(store, depth: 3), transport));
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

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            var journal = Options.WriteAheadLog ? "PRAGMA journal_mode = WAL;" : string.Empty;
            var synchronous = Options.Synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL";
            command.CommandText = $"{journal} PRAGMA synchronous = {synchronous};";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
