using System.Data.Common;
using Npgsql;
using Synclets.Relational;
using Synclets.Typed;

namespace Synclets.Postgres;

/// <summary>
/// A PostgreSQL database that one synclet's connectors share: one connection from the data source,
/// prepared statements, and one transaction per batch across the leaf and hash tables. The
/// connection is taken when the first connector is attached and returned when the last is detached.
/// </summary>
/// <example>
/// <code>
/// await using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Username=app;Database=app");
/// var (data, meta) = new PostgresStore(dataSource).CreateConnectors(depth: 3);
/// await using var synclet = await Synclet.CreateAsync(new SyncletComponents(data, meta, transport));
/// </code>
/// </example>
public sealed class PostgresStore : RelationalStore
{
    /// <summary>Creates a store over <paramref name="dataSource"/>, which the caller owns and disposes.</summary>
    public PostgresStore(NpgsqlDataSource dataSource) : base(PostgresDialect.Instance)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        DataSource = dataSource;
    }

    /// <summary>A data and a meta connector in the tree-table layout over this store, for a tree of <paramref name="depth"/> levels.</summary>
    public (PostgresDataConnector Data, PostgresMetaConnector Meta) CreateConnectors(int depth, TreeTableOptions? options = null) =>
        (new PostgresDataConnector(this, depth, options), new PostgresMetaConnector(this, depth, options));

    /// <summary>A typed data connector for one table at the root (e.g. <c>TodoTableMap.Instance</c>) and its meta connector over this store.</summary>
    public (PostgresTypedDataConnector Data, PostgresMetaConnector Meta) CreateConnectors(ISyncletTableMap table, TypedTableOptions? options = null)
    {
        var data = new PostgresTypedDataConnector(this, table, options);
        return (data, new PostgresMetaConnector(this, data.Depth, options?.Tree));
    }

    /// <summary>A typed data connector for a schema of several tables (e.g. <c>TodoDb.Schema</c>) and its meta connector over this store.</summary>
    public (PostgresTypedDataConnector Data, PostgresMetaConnector Meta) CreateConnectors(SyncletSchema schema, TypedTableOptions? options = null)
    {
        var data = new PostgresTypedDataConnector(this, schema, options);
        return (data, new PostgresMetaConnector(this, data.Depth, options?.Tree));
    }

    /// <summary>
    /// Npgsql prepares a statement only once its parameters have types, which the core sets with the
    /// first values; its automatic preparation (<c>Max Auto Prepare</c> in the connection string)
    /// does the job instead.
    /// </summary>
    protected override void Prepare(DbCommand command)
    {
    }

    /// <summary>
    /// 1,024: from this many rows of one shape, a flush copies them in (<see cref="BulkCopy"/>) rather
    /// than sending 16 statements of 64 rows.
    /// </summary>
    internal override int BulkUpsertRows => 1_024;

    /// <inheritdoc />
    internal override Task BulkUpsertAsync(BulkUpsert upsert, CancellationToken cancellationToken) => BulkCopy.UpsertAsync(this, upsert, cancellationToken);

    /// <summary>The data source connections come from.</summary>
    internal NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// The server process of the store's own connection (not its side connections), which signs the
    /// notifications of its writes; 0 while the store is closed. Read from the listener's thread.
    /// </summary>
    internal int ProcessId
    {
        get
        {
            try
            {
                return IsOpen && Connection is NpgsqlConnection connection ? connection.ProcessID : 0;
            }
            catch (InvalidOperationException)
            {
                return 0;   // closed in between
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="StoreConnectionException">The server could not be reached, or refused the connection.</exception>
    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new StoreConnectionException(ConnectionFailure(exception), exception);
        }
    }

    /// <summary>What failed, where: the host, port, database and user of the connection string (never its password).</summary>
    private string ConnectionFailure(Exception exception)
    {
        var settings = new NpgsqlConnectionStringBuilder(DataSource.ConnectionString);
        var where = $"database '{settings.Database ?? settings.Username ?? "(default)"}' on {settings.Host ?? "(no host)"}:{settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)} as user '{settings.Username ?? "(default)"}'";
        return $"Synclets could not open its PostgreSQL store: connecting to {where} failed: {exception.Message.TrimEnd('.')}. " +
               "Check the connection string, and that the server runs and accepts this user.";
    }
}
