using Synclets.Transports;
using Npgsql;
using Synclets.Postgres;
using Synclets.Relational;
using Synclets.Tool.Stores;
using Synclets.WebSockets.Server;

namespace Synclets.Tool.Serve;

/// <summary>
/// Makes the synclet that stores a room in PostgreSQL: every room in the same two tables of the
/// connection's schema, its rows under its own scope (the room id). Each room synclet has its own
/// <see cref="PostgresStore"/> (a store's connection and transactions belong to one synclet); the
/// connections come from one data source.
/// </summary>
internal sealed class PostgresRooms : IRoomStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly int _depth;

    private PostgresRooms(NpgsqlDataSource dataSource, int depth, string description) =>
        (_dataSource, _depth, Description) = (dataSource, depth, description);

    /// <inheritdoc />
    public ILoggerFactory Loggers { private get; set; } = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Connects once, so a wrong connection string fails now rather than with the first client.</summary>
    /// <exception cref="ArgumentException">The string is not a connection string, or the database cannot be reached.</exception>
    public static async Task<PostgresRooms> OpenAsync(string connectionString, int depth)
    {
        NpgsqlDataSource dataSource;
        string description;
        try
        {
            (dataSource, description) = PostgresDatabase.Create(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException($"--postgres: that is not a PostgreSQL connection string: {exception.Message}", exception);
        }

        try
        {
            await using var connection = await dataSource.OpenConnectionAsync();
        }
        catch (Exception exception) when (PostgresDatabase.IsConnectionFailure(exception))
        {
            await dataSource.DisposeAsync();
            throw new ArgumentException($"--postgres: cannot connect to the {description}: {exception.Message}", exception);
        }

        return new PostgresRooms(dataSource, depth, description);
    }

    /// <inheritdoc />
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<Synclet> CreateAsync(string roomId, Transport transport, CancellationToken cancellationToken)
    {
        var logger = Loggers.CreateLogger("Synclets.Tool.Rooms");
        var (data, meta) = new PostgresStore(_dataSource).CreateConnectors(_depth, new TreeTableOptions { Scope = roomId });
        return Synclet.CreateAsync(new SyncletComponents(data, meta, transport), options: new SyncletOptions { Logger = logger, Name = "room" }, cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
