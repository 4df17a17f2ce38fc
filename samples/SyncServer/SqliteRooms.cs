using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Synclets;
using Synclets.Relational;
using Synclets.Sqlite;
using Synclets.WebSockets.Server;

namespace SyncServer;

/// <summary>
/// Makes the synclet that stores a room on the server. Every room lives in the same SQLite file, each
/// in its own pair of tables, so one file holds the whole server.
/// </summary>
/// <remarks>
/// <para>
/// Each room synclet has its own <see cref="SqliteStore"/> (a store's connection and transactions
/// belong to one synclet), but all of them open the file in SQLite's shared-cache mode, with one
/// more connection held open for as long as the server runs. Without it, every connection parses
/// the file's whole schema — two tables and their indexes for every room ever stored — and caches
/// its own pages: a room cost memory in proportion to all rooms, and each new room made every open
/// one parse the schema again. With one shared cache, the schema is parsed once and the pages are
/// cached once, and each room costs its connection handle and its prepared statements: 500 new rooms
/// held open by their clients take the server to 146 MiB instead of 579 MiB (61 MiB idle).
/// </para>
/// <para>
/// Rooms still touch only their own tables, so the table-level locks of shared-cache mode never make
/// one room wait for another's reads; writes wait for each other as they always did (SQLite has one
/// writer per file), and Microsoft.Data.Sqlite retries a locked statement until its timeout. The file
/// itself is unchanged, so files written before keep working. Keeping many rooms in one set of tables
/// (the relational layout's own issue) will make the schema stop growing with rooms; until then
/// <see cref="WsServerOptions.MaxRooms"/> and <see cref="WsServerOptions.MaxRoomsCreatedPerClient"/>
/// bound how many rooms are open and how fast new ones are made.
/// </para>
/// </remarks>
internal sealed class SqliteRooms : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly int _depth;
    private readonly SqliteConnection _sharedCacheHolder;

    private SqliteRooms(string connectionString, int depth, SqliteConnection sharedCacheHolder) =>
        (_connectionString, _depth, _sharedCacheHolder) = (connectionString, depth, sharedCacheHolder);

    /// <summary>Where room synclets log; set once the application's loggers exist, before any room opens.</summary>
    public ILoggerFactory Loggers { get; set; } = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;

    /// <summary>
    /// Opens (or creates) the file and keeps one connection open, so a wrong path fails now rather than
    /// with the first client, and the shared cache lives while rooms come and go.
    /// </summary>
    /// <exception cref="ArgumentException">The file cannot be created or is not a SQLite database.</exception>
    public static async Task<SqliteRooms> OpenAsync(string path, int depth)
    {
        var connectionString = new SqliteConnectionStringBuilder(SqliteStore.ForFile(path).ConnectionString) { Cache = SqliteCacheMode.Shared }.ToString();
        var holder = new SqliteConnection(connectionString);
        try
        {
            await holder.OpenAsync();
            await using var command = holder.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_schema";
            await command.ExecuteScalarAsync();
        }
        catch (SqliteException exception)
        {
            await holder.DisposeAsync();
            throw new ArgumentException($"--store: '{path}' cannot be used as a SQLite database: {exception.Message}", exception);
        }

        return new SqliteRooms(connectionString, depth, holder);
    }

    /// <inheritdoc cref="RoomSyncletFactory"/>
    public Task<Synclet> CreateAsync(string roomId, WsServerTransport transport, CancellationToken cancellationToken)
    {
        var tables = TablesOf(roomId);
        var logger = Loggers.CreateLogger("SyncServer.Rooms");
        logger.LogInformation("Room '{RoomId}' is stored in tables {DataTable} and {MetaTable}", roomId, tables.DataTable, tables.MetaTable);

        // A store serves one synclet, so each room gets its own, all of them over the same shared cache.
        var (data, meta) = new SqliteStore(_connectionString).CreateConnectors(_depth, tables);
        return Synclet.CreateAsync(new SyncletComponents(data, meta, transport), options: new SyncletOptions { Logger = logger }, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The tables of a room. A room id is any string and SQL names ignore case, so the names end in a
    /// hash of the id's exact characters: rooms "Team" and "team" never share a table. The readable
    /// part is only there to help whoever opens the file.
    /// </summary>
    public static TreeTableOptions TablesOf(string roomId)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(roomId.AsSpan()))[..8]);
        var readable = string.Concat(roomId.Where(char.IsAsciiLetterOrDigit).Take(32)).ToLowerInvariant();
        var prefix = readable.Length > 0 ? $"room_{readable}_{hash}" : $"room_{hash}";
        return new TreeTableOptions { DataTable = prefix + "_data", MetaTable = prefix + "_meta" };
    }

    /// <summary>Closes the connection that holds the shared cache; call it after the room synclets are disposed.</summary>
    public ValueTask DisposeAsync() => _sharedCacheHolder.DisposeAsync();
}
