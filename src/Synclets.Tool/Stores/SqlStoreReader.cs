using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Synclets.Tool.Stores;

/// <summary>
/// Reads a SQLite file (opened read-only) or a PostgreSQL database (a connection string) in the
/// current layout (the tables <c>synclets_tree</c> and <c>synclets_hashes</c>). Anything else is a
/// <see cref="ToolException"/> saying what it is.
/// </summary>
internal sealed class SqlStoreReader : StoreReader
{
    private const string LeafTable = "synclets_tree";
    private const string HashTable = "synclets_hashes";

    private readonly DbConnection _connection;
    private readonly NpgsqlDataSource? _dataSource;

    private SqlStoreReader(string name, DbConnection connection, NpgsqlDataSource? dataSource, bool isSqlite)
    {
        Name = name;
        _connection = connection;
        _dataSource = dataSource;
        IsSqlite = isSqlite;
    }

    public override string Name { get; }

    public override string Kind => IsSqlite ? "SQLite" : "PostgreSQL";

    private bool IsSqlite { get; }

    /// <summary>Opens <paramref name="store"/>: a PostgreSQL connection string if it has an '=', else a SQLite file.</summary>
    /// <exception cref="ToolException">It cannot be opened, or holds no Synclets tree.</exception>
    public static async Task<SqlStoreReader> OpenAsync(string store, CancellationToken cancellationToken)
    {
        var reader = store.Contains('=') ? await OpenPostgresAsync(store, cancellationToken) : await OpenSqliteAsync(store, cancellationToken);
        try
        {
            await reader.CheckLayoutAsync(cancellationToken);
            return reader;
        }
        catch (DbException exception)
        {
            await reader.DisposeAsync();
            throw new ToolException($"{reader.Name} cannot be read as a Synclets store: {exception.Message}", exception);
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    public override async Task<string> DescribeLayoutAsync(CancellationToken cancellationToken)
    {
        var typed = await OtherTablesAsync(cancellationToken);
        return typed.Count == 0
            ? "tree tables (synclets_tree, synclets_hashes)"
            : $"typed tables ({string.Join(", ", typed)}) beside the synclet's tree tables";
    }

    /// <summary>The tables beside the synclet's own: typed tables from a generated schema.</summary>
    private async Task<List<string>> OtherTablesAsync(CancellationToken cancellationToken)
    {
        var sql = IsSqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name";
        var tables = new List<string>();
        await using var command = Command(sql);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            var name = rows.GetString(0);
            if (name is not (LeafTable or HashTable))
            {
                tables.Add(name);
            }
        }

        return tables;
    }

    public override async Task<List<ScopeSummary>> SummarizeAsync(CancellationToken cancellationToken)
    {
        var roots = new Dictionary<string, long>(StringComparer.Ordinal);
        if (await HasTableAsync(HashTable, cancellationToken))   // a store of data alone has no hashes
        {
            await using var command = Command($"SELECT scope, hash FROM {HashTable} WHERE address = '[]'");
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                roots[rows.GetString(0)] = rows.IsDBNull(1) ? 0 : Convert.ToInt64(rows.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var scopes = new List<ScopeSummary>();
        await using (var command = Command(
            $"SELECT scope, SUM(CASE WHEN atom IS NULL THEN 0 ELSE 1 END), SUM(CASE WHEN atom IS NULL THEN 1 ELSE 0 END), MAX(timestamp) FROM {LeafTable} GROUP BY scope ORDER BY scope"))
        await using (var rows = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                var scope = rows.GetString(0);
                scopes.Add(new ScopeSummary(
                    scope,
                    Convert.ToInt64(rows.GetValue(1), System.Globalization.CultureInfo.InvariantCulture),
                    Convert.ToInt64(rows.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
                    roots.TryGetValue(scope, out var root) ? root : null,
                    rows.IsDBNull(3) ? null : rows.GetString(3)));
            }
        }

        return scopes;
    }

    public override async Task<string> ChooseScopeAsync(string? scope, CancellationToken cancellationToken)
    {
        var scopes = await ScopesAsync(cancellationToken);
        if (scope is not null)
        {
            return scopes.Contains(scope) || scopes.Count == 0
                ? scope
                : throw new ToolException($"{Name} holds no tree with scope '{scope}'; its scopes are {Quoted(scopes)}.");
        }

        return scopes.Count switch
        {
            0 => string.Empty,
            1 => scopes[0],
            _ => throw new ToolException($"{Name} holds {scopes.Count} trees ({Quoted(scopes.Take(5))}{(scopes.Count > 5 ? ", …" : string.Empty)}): name one with --scope."),
        };
    }

    /// <summary>The scopes of the store's trees, without counting their rows as <see cref="SummarizeAsync"/> does.</summary>
    private async Task<List<string>> ScopesAsync(CancellationToken cancellationToken)
    {
        var scopes = new List<string>();
        await using var command = Command($"SELECT DISTINCT scope FROM {LeafTable} ORDER BY scope");
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            scopes.Add(rows.GetString(0));
        }

        return scopes;
    }

    public override async Task<List<StoreLeaf>> LeavesAsync(string scope, IReadOnlyList<string> prefix, CancellationToken cancellationToken)
    {
        if (prefix.Count > Depth)
        {
            throw TooDeep(prefix);
        }

        var ids = Enumerable.Range(1, Depth).Select(level => $"address{level}").ToList();
        var filter = string.Concat(prefix.Select((_, index) => $" AND {ids[index]} = @p{index + 1}"));
        await using var command = Command(
            $"SELECT {string.Join(", ", ids)}, atom, timestamp FROM {LeafTable} WHERE scope = @p0{filter} ORDER BY {string.Join(", ", ids)}",
            [scope, .. prefix]);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        var leaves = new List<StoreLeaf>();
        while (await rows.ReadAsync(cancellationToken))
        {
            var address = new string[Depth];
            for (var level = 0; level < Depth; level++)
            {
                address[level] = rows.GetString(level);
            }

            leaves.Add(new StoreLeaf(address, rows.IsDBNull(Depth) ? null : rows.GetString(Depth), rows.IsDBNull(Depth + 1) ? null : rows.GetString(Depth + 1)));
        }

        return leaves;
    }

    public override async Task<Dictionary<string, long>> HashesAsync(string scope, CancellationToken cancellationToken)
    {
        var hashes = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!await HasTableAsync(HashTable, cancellationToken))
        {
            return hashes;
        }

        await using var command = Command($"SELECT address, hash FROM {HashTable} WHERE scope = @p0", [scope]);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            var ids = JsonSerializer.Deserialize<string[]>(rows.GetString(0)) ?? [];
            hashes[string.Join('/', ids)] = rows.IsDBNull(1) ? 0 : Convert.ToInt64(rows.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }

        return hashes;
    }

    public override async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    private static async Task<SqlStoreReader> OpenSqliteAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new ToolException(Directory.Exists(path) ? $"'{path}' is a folder, not a SQLite file." : $"There is no file '{path}'.");
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            return new SqlStoreReader($"'{path}'", connection, null, isSqlite: true);
        }
        catch (SqliteException exception)
        {
            await connection.DisposeAsync();
            throw new ToolException($"'{path}' cannot be opened as a SQLite file: {exception.Message}", exception);
        }
    }

    private static async Task<SqlStoreReader> OpenPostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        NpgsqlDataSource dataSource;
        string name;
        try
        {
            (dataSource, name) = PostgresDatabase.Create(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new ToolException($"That is not a PostgreSQL connection string: {exception.Message}", exception);
        }

        try
        {
            return new SqlStoreReader(name, await dataSource.OpenConnectionAsync(cancellationToken), dataSource, isSqlite: false);
        }
        catch (Exception exception) when (PostgresDatabase.IsConnectionFailure(exception))
        {
            await dataSource.DisposeAsync();
            throw new ToolException($"Cannot connect to the {name}: {exception.Message}", exception);
        }
    }

    /// <summary>Finds the depth from the leaf table's columns; a store without one is named for what it is.</summary>
    private async Task CheckLayoutAsync(CancellationToken cancellationToken)
    {
        var tables = await OtherTablesAsync(cancellationToken);
        if (!await HasTableAsync(LeafTable, cancellationToken))
        {
            throw new ToolException(
                tables.Contains("synclets_data") ? $"{Name} is in the first Synclets layout (synclets_data, synclets_meta): open it once with a synclet of this version (or `synclets serve --store`) to move it to the current one."
                : tables.Count == 0 ? $"{Name} holds no tables yet: no synclet has written to it (a server's store gets its tables with its first room)."
                : $"{Name} is not a Synclets store: it has no {LeafTable} table.");
        }

        await using var command = Command($"SELECT * FROM {LeafTable} WHERE 1 = 0");
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        var columns = Enumerable.Range(0, rows.FieldCount).Select(rows.GetName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        while (columns.Contains($"address{Depth + 1}"))
        {
            Depth++;
        }

        if (Depth == 0 || !columns.Contains("scope") || !columns.Contains("atom") || !columns.Contains("timestamp"))
        {
            throw new ToolException($"{Name} has a {LeafTable} table, but not with the columns Synclets makes (scope, address1…, atom, timestamp).");
        }
    }

    private async Task<bool> HasTableAsync(string table, CancellationToken cancellationToken)
    {
        var sql = IsSqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @p0"
            : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @p0";
        await using var command = Command(sql, [table]);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private DbCommand Command(string sql, IReadOnlyList<object>? values = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"p{i}";
            parameter.Value = values![i];
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(value => $"'{value}'"));
}
