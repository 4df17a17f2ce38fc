using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Synclets.Connectors;
using Synclets.Wire;

namespace Synclets.Relational;

/// <summary>
/// One database connection shared by the connectors of one synclet: they prepare their statements
/// on it and share one transaction per batch, so a message the synclet receives is applied
/// atomically across the leaf and hash tables. The connection opens when the first connector is
/// attached and closes when the last one is detached.
/// </summary>
/// <remarks>
/// A store serves one synclet: its connection and transaction are not shared between synclets.
/// Give each synclet its own store (stores may point at the same database).
/// </remarks>
public abstract class RelationalStore : IAsyncDisposable
{
    private readonly SharedTransaction _transaction = new();
    private readonly List<DbCommand> _commands = [];
    private readonly HashSet<Connector> _attached = new(ReferenceEqualityComparer.Instance);
    private readonly List<IHeldWrites> _heldWrites = [];
    private readonly List<TableDefinition> _tables = [];
    private readonly HashSet<TableDefinition> _ensured = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(string? Schema, string Table, string Scope), LeafRows> _leafRows = new(LeafRowsKeyComparer.Instance);
    private DbConnection? _connection;
    private Address _lastKeyAddress;
    private string _lastKey = "[]";
    private string? _syncletId;
    private int _generation;

    /// <summary>Creates a store that builds its SQL through <paramref name="dialect"/>.</summary>
    protected RelationalStore(ISqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        Dialect = dialect;
    }

    /// <summary>Sees the text of every command the store creates (tests check that no id or unquoted name reaches it).</summary>
    internal Action<string>? SqlObserver { get; set; }

    /// <summary>How this store's SQL is spelled.</summary>
    public ISqlDialect Dialect { get; }

    /// <summary>Whether the store's connection is open (a connector is attached).</summary>
    public bool IsOpen => _connection is not null;

    /// <summary>The open connection.</summary>
    /// <exception cref="InvalidOperationException">No connector is attached, so the store is closed.</exception>
    protected internal DbConnection Connection =>
        _connection ?? throw new InvalidOperationException($"The {Dialect.Name} store is closed: attach a connector to it (create a synclet) first.");

    /// <summary>The transaction of the current batch, or null between batches.</summary>
    protected internal DbTransaction? Transaction => _transaction.Current;

    /// <summary>Whether a batch is open.</summary>
    public bool InBatch => _transaction.Current is not null;

    /// <summary>Creates, opens and configures a new connection to the database.</summary>
    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Starts a read-only transaction on a side connection that sees one consistent snapshot of
    /// committed data and never blocks the synclet's writes.
    /// </summary>
    protected internal virtual async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);

    /// <summary>Makes <paramref name="command"/> ready to be run many times (called once per command and connection).</summary>
    protected virtual void Prepare(DbCommand command) => command.Prepare();

    /// <summary>Closes the connection (rolling back any open batch) and forgets every attachment.</summary>
    public async ValueTask DisposeAsync()
    {
        _attached.Clear();
        await CloseAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Opens the connection for the first connector (checking that every connector serves the same
    /// synclet), creates or checks the registered tables, then runs <paramref name="whenReady"/>;
    /// if anything fails the connector leaves again.
    /// </summary>
    internal async Task AttachAsync(Connector connector, string syncletId, Func<Task>? whenReady, CancellationToken cancellationToken)
    {
        if (_syncletId is not null && _attached.Count > 0 && _syncletId != syncletId)
        {
            throw new InvalidOperationException(
                $"This {Dialect.Name} store already serves synclet '{_syncletId}', so it cannot serve '{syncletId}' too: a store's connection and transactions belong to one synclet. Give each synclet its own store.");
        }

        _connection ??= await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        _syncletId = syncletId;
        _attached.Add(connector);
        try
        {
            await EnsureTablesAsync(cancellationToken).ConfigureAwait(false);
            if (whenReady is not null)
            {
                await whenReady().ConfigureAwait(false);
            }
        }
        catch
        {
            await DetachAsync(connector).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Registers the leaf table a connector keeps and returns the rows of its tree, shared with the
    /// other connector of the store on the same table and scope, so an atom and its timestamp are
    /// written together; the rows' writes are held back with the store's batches.
    /// </summary>
    internal LeafRows JoinLeaves(TreeTableOptions options, int depth)
    {
        var table = new LeafTable(Dialect, options, depth);
        Register(table.Definition);
        var key = (options.Schema, options.LeafTable, options.Scope);
        if (!_leafRows.TryGetValue(key, out var rows))
        {
            rows = new LeafRows(this, table, options);
            _leafRows[key] = rows;
            Hold(rows);
        }

        return rows;
    }

    /// <summary>Registers the hash table a meta connector keeps for the tree of <paramref name="rows"/>.</summary>
    internal HashTable JoinHashes(TreeTableOptions options, LeafRows rows)
    {
        var table = new HashTable(Dialect, options, Dialect.MaxRowsPerStatement);
        Register(table.Definition);
        rows.KeepsHashes = true;
        return table;
    }

    /// <summary>Closes the connection when the last connector leaves.</summary>
    internal async Task DetachAsync(Connector connector)
    {
        if (_attached.Remove(connector) && _attached.Count == 0)
        {
            await CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Opens a second connection, for reading the database beside the synclet's own work (the caller disposes it).</summary>
    internal Task<DbConnection> OpenSideConnectionAsync(CancellationToken cancellationToken) =>
        SharesDataAcrossConnections
            ? OpenConnectionAsync(cancellationToken)
            : throw new InvalidOperationException(
                "Finding changes made by other code reads the typed tables on a second connection, which would not see this in-memory database; use a database file.");

    /// <summary>
    /// The fewest rows a flush sends through <see cref="BulkUpsertAsync"/> instead of multi-row
    /// statements; 0 (the default) when the store has no faster path.
    /// </summary>
    internal virtual int BulkUpsertRows => 0;

    /// <summary>Writes many rows in the current batch through the database's bulk path.</summary>
    internal virtual Task BulkUpsertAsync(BulkUpsert upsert, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"The {Dialect.Name} store has no bulk write.");

    /// <summary>Whether a second connection sees this store's data (false for private in-memory databases).</summary>
    protected virtual bool SharesDataAcrossConnections => true;

    internal Task BeginBatchAsync(Connector connector, CancellationToken cancellationToken) =>
        _transaction.BeginAsync(Connection, connector, cancellationToken);

    /// <summary>Sends <paramref name="rows"/>' held-back writes, then leaves the transaction (committing it if last).</summary>
    internal async Task CommitBatchAsync(Connector connector, LeafRows rows, CancellationToken cancellationToken)
    {
        _transaction.EnsureParticipant(connector);
        await rows.FlushAsync(cancellationToken).ConfigureAwait(false);
        rows.EndBatch();
        await _transaction.CommitAsync(connector, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rolls the shared transaction back and forgets every connector's held-back writes.</summary>
    internal Task RollbackBatchAsync(Connector connector)
    {
        foreach (var rows in _heldWrites)
        {
            rows.Discard();
        }

        return _transaction.RollbackAsync(connector);
    }

    /// <summary>Registers a table a connector of this store needs; it is created or checked when a connector attaches.</summary>
    /// <exception cref="ArgumentException">Another table of this store has the same name (SQL names ignore case) but other columns.</exception>
    internal void Register(TableDefinition table)
    {
        // A newer connector for the same table (the store reused after a synclet was disposed)
        // replaces the older one; a different table under the same name would silently take its place.
        var clash = _tables.Find(table.IsSameTable);
        if (clash is not null && !clash.Columns.SequenceEqual(table.Columns))
        {
            throw new ArgumentException(
                $"Two tables of this store would both be named '{table.DisplayName}' (SQL names ignore case); give one another name through its options or its [SyncletTable] id.",
                nameof(table));
        }

        _tables.RemoveAll(other => ReferenceEquals(other, clash));
        _tables.Add(table);
    }

    /// <summary>
    /// Creates or checks every registered table not yet seen on this connection, all of them
    /// checked before any is created, so a misfit in one leaves the database untouched.
    /// </summary>
    internal async Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        var pending = _tables.Where(table => !_ensured.Contains(table)).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var legacy = new List<LegacyLayout.Found>();
        foreach (var rows in _leafRows.Values)
        {
            // A store without the meta connector has no hash table to move a first-layout meta table into: it is left alone.
            if (await LegacyLayout.FindAsync(this, rows.Options, rows.Table.Depth, rows.KeepsHashes, cancellationToken).ConfigureAwait(false) is { } found)
            {
                legacy.Add(found);
            }
        }

        await TableSchema.EnsureAsync(this, pending, cancellationToken).ConfigureAwait(false);
        foreach (var found in legacy)
        {
            await LegacyLayout.MigrateAsync(this, found, cancellationToken).ConfigureAwait(false);
        }

        _ensured.UnionWith(pending);
    }

    /// <summary>Registers writes held back until commit, which a rollback by any connector must discard.</summary>
    internal void Hold(IHeldWrites writes) => _heldWrites.Add(writes);

    /// <summary>
    /// The canonical key of <paramref name="address"/> in the hash table (its JSON array). The
    /// hashes of one node are often keyed one after the other, so the last key is remembered for the
    /// same ids array.
    /// </summary>
    internal string KeyOf(Address address)
    {
        var ids = address.AsSpan();
        var last = _lastKeyAddress.AsSpan();
        if (ids.Length == last.Length && (ids.Length == 0 || Unsafe.AreSame(ref MemoryMarshal.GetReference(ids), ref MemoryMarshal.GetReference(last))))
        {
            return _lastKey;
        }

        _lastKey = JsonText.Address(ids);
        _lastKeyAddress = address;
        return _lastKey;
    }

    /// <summary>The prepared command of <paramref name="statement"/> on the open connection, enlisted in the current batch.</summary>
    internal DbCommand CommandFor(Statement statement)
    {
        if (statement.Generation != _generation || statement.Command is null)
        {
            var command = Connection.CreateCommand();
            command.CommandText = statement.Sql;
            SqlObserver?.Invoke(statement.Sql);
            for (var i = 0; i < statement.ParameterCount; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = Dialect.ParameterName(i);
                command.Parameters.Add(parameter);
            }

            Prepare(command);
            _commands.Add(command);
            statement.Command = command;
            statement.Generation = _generation;
        }

        statement.Command.Transaction = _transaction.Current;
        return statement.Command;
    }

    /// <summary>Runs SQL that is not worth preparing (schema changes, one-off queries) on the open connection.</summary>
    internal DbCommand OneOffCommand(string sql, params object[] values)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        SqlObserver?.Invoke(sql);
        command.Transaction = _transaction.Current;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = Dialect.ParameterName(i);
            parameter.Value = values[i];
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private async Task CloseAsync()
    {
        foreach (var rows in _heldWrites)
        {
            rows.Discard();
        }

        await _transaction.AbandonAsync().ConfigureAwait(false);
        foreach (var command in _commands)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        _commands.Clear();
        _ensured.Clear();
        _generation++;
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Leaf rows are shared by schema, table (SQL names ignore case) and scope (any string, compared exactly).</summary>
    private sealed class LeafRowsKeyComparer : IEqualityComparer<(string? Schema, string Table, string Scope)>
    {
        public static LeafRowsKeyComparer Instance { get; } = new();

        public bool Equals((string? Schema, string Table, string Scope) x, (string? Schema, string Table, string Scope) y) =>
            string.Equals(x.Schema, y.Schema, StringComparison.OrdinalIgnoreCase)
            && string.Equals(x.Table, y.Table, StringComparison.OrdinalIgnoreCase)
            && string.Equals(x.Scope, y.Scope, StringComparison.Ordinal);

        public int GetHashCode((string? Schema, string Table, string Scope) key) => HashCode.Combine(
            key.Schema is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(key.Schema),
            StringComparer.OrdinalIgnoreCase.GetHashCode(key.Table),
            StringComparer.Ordinal.GetHashCode(key.Scope));
    }
}
