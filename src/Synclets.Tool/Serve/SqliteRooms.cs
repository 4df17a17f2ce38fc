using Synclets.Transports;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Synclets;
using Synclets.Relational;
using Synclets.Sqlite;
using Synclets.WebSockets.Server;

namespace Synclets.Tool.Serve;

/// <summary>
/// Makes the synclet that stores a room on the server. Every room lives in the same SQLite file and
/// the same two tables, each room's rows under its own scope (the room id), so one file holds the
/// whole server and its schema does not grow with the rooms.
/// </summary>
/// <remarks>
/// Each room synclet has its own <see cref="SqliteStore"/> and connection (a store's connection and
/// transactions belong to one synclet), in write-ahead-log mode: readers never wait for a writer, and
/// writes wait for each other as SQLite's one writer per file requires. A file written before rooms
/// shared the tables (a pair of tables per room) is moved over room by room, each the first time it
/// opens.
/// </remarks>
internal sealed class SqliteRooms : IRoomStore
{
    private readonly string _path;
    private readonly int _depth;

    private SqliteRooms(string path, int depth) => (_path, _depth) = (path, depth);

    /// <inheritdoc />
    public ILoggerFactory Loggers { private get; set; } = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;

    /// <inheritdoc />
    public string Description => $"'{Path.GetFullPath(_path)}'";

    /// <summary>Opens (or creates) the file once, so a wrong path fails now rather than with the first client.</summary>
    /// <exception cref="ArgumentException">The file cannot be created or is not a SQLite database.</exception>
    public static async Task<SqliteRooms> OpenAsync(string path, int depth)
    {
        await using var connection = new SqliteConnection(SqliteStore.ForFile(path).ConnectionString);
        try
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_schema";
            await command.ExecuteScalarAsync();
        }
        catch (SqliteException exception)
        {
            throw new ArgumentException($"--store: '{path}' cannot be used as a SQLite database: {exception.Message}", exception);
        }

        return new SqliteRooms(path, depth);
    }

    /// <inheritdoc />
    public Task<Synclet> CreateAsync(string roomId, Transport transport, CancellationToken cancellationToken)
    {
        var tables = TablesOf(roomId);
        var logger = Loggers.CreateLogger("Synclets.Tool.Rooms");
        logger.LogInformation("Room '{RoomId}' is stored in tables {LeafTable} and {HashTable}, under its own scope", roomId, tables.LeafTable, tables.HashTable);

        // A store serves one synclet, so each room gets its own.
        var (data, meta) = SqliteStore.ForFile(_path).CreateConnectors(_depth, tables);
        return Synclet.CreateAsync(new SyncletComponents(data, meta, transport), options: new SyncletOptions { Logger = logger, Name = "room" }, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Where a room's rows are: its id is its scope. The tables a room had before rooms shared them
    /// are named as the old layout named them, so they are moved in when the room first opens; their
    /// names end in a hash of the id's exact characters, since a room id is any string and SQL names
    /// ignore case.
    /// </summary>
    /// <inheritdoc />
    /// <remarks>Opens the file without creating it: a file deleted under the server is a store gone, not a new empty one.</remarks>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var settings = new SqliteConnectionStringBuilder(SqliteStore.ForFile(_path).ConnectionString) { Mode = SqliteOpenMode.ReadWrite };
        await using var connection = new SqliteConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_schema";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public static TreeTableOptions TablesOf(string roomId)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(roomId.AsSpan()))[..8]);
        var readable = string.Concat(roomId.Where(char.IsAsciiLetterOrDigit).Take(32)).ToLowerInvariant();
        var prefix = readable.Length > 0 ? $"room_{readable}_{hash}" : $"room_{hash}";
        return new TreeTableOptions { Scope = roomId, LegacyDataTable = prefix + "_data", LegacyMetaTable = prefix + "_meta" };
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
