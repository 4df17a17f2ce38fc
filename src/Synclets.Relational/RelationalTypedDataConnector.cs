using System.Data.Common;
using Microsoft.Extensions.Logging;
using Synclets.Connectors;
using Synclets.Typed;
using Synclets.Wire;

namespace Synclets.Relational;

/// <summary>
/// Stores a typed synclet's atoms in real tables, one per record type, with typed columns and the
/// keys as primary key, so other code can query them with plain SQL. A tree table beside them keeps
/// the atoms as the synclet last wrote them: the synclet reads from it, it tells an absent cell
/// (no atom) from a null one (both are NULL in the typed table), and <see cref="SyncChangedAsync"/>
/// compares the typed tables against it to find rows other code changed.
/// </summary>
/// <remarks>
/// A row exists while any of its cells holds an atom; deleting its last atom deletes the row. In
/// rows written by other code, NULL means no atom.
/// </remarks>
public abstract class RelationalTypedDataConnector : RelationalDataConnector
{
    private readonly TypedTable? _rootTable;
    private readonly Dictionary<string, TypedTable> _tables = new(StringComparer.Ordinal);
    private readonly PendingTypedRows _pending;
    private readonly TimeSpan? _pollInterval;
    private ConnectorAttachContext? _context;
    private CancellationTokenSource? _watching;

    /// <summary>Creates a connector for one table at the root (addresses <c>[key…, column]</c>) or several under table ids (<c>[table, key…, column]</c>).</summary>
    /// <exception cref="ArgumentException">The tables have different numbers of keys, or a table's key and value columns share a name.</exception>
    private protected RelationalTypedDataConnector(
        RelationalStore store, ISyncletTableMap? rootTable, IReadOnlyDictionary<string, ISyncletTableMap> tables, TypedTableOptions? options)
        : base(store, DepthOf(rootTable, tables), (options ?? new TypedTableOptions()).Tree)
    {
        _pending = new PendingTypedRows(store);
        store.Hold(_pending);
        var (schema, prefix) = (options?.Schema, options?.TablePrefix ?? string.Empty);
        _pollInterval = options?.PollInterval;
        if (_pollInterval is { } interval && interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), interval, "TypedTableOptions.PollInterval must be positive, or null for no polling.");
        }

        if (rootTable is not null)
        {
            _rootTable = new TypedTable(store.Dialect, schema, prefix + rootTable.TableName, null, rootTable);
            store.Register(_rootTable.Definition);
        }

        foreach (var (id, map) in tables)
        {
            var table = new TypedTable(store.Dialect, schema, prefix + id, id, map);
            _tables[id] = table;
            store.Register(table.Definition);
        }
    }

    /// <summary>The names of the typed tables, as created in the database.</summary>
    public IReadOnlyList<string> TableNames => [.. TypedTables.Select(table => table.Name)];

    private IEnumerable<TypedTable> TypedTables => _rootTable is null ? _tables.Values : [_rootTable];

    /// <summary>
    /// Finds cells of the typed tables that other code (another connection or process) changed since
    /// the synclet last wrote them, and has the synclet adopt them: they get fresh timestamps and
    /// are sent to peers. Call it after such writes, or on a timer.
    /// </summary>
    /// <returns>How many cells changed.</returns>
    /// <exception cref="InvalidOperationException">The connector is not attached to a synclet.</exception>
    public async Task<int> SyncChangedAsync(CancellationToken cancellationToken = default)
    {
        var context = _context ?? throw new InvalidOperationException("The typed connector is not attached to a synclet: create the synclet first.");
        var changed = await FindChangedCellsAsync(cancellationToken).ConfigureAwait(false);
        if (changed.Count > 0)
        {
            await context.SyncChangedAtomsAsync(changed, cancellationToken).ConfigureAwait(false);
        }

        return changed.Count;
    }

    /// <summary>For a cell <see cref="SyncChangedAsync"/> reported: the typed table's value, made the synclet's own, and the atom the synclet held before.</summary>
    public override async ValueTask<(Atom? Before, Atom? After)> AdoptAtomAsync(Address address, CancellationToken cancellationToken = default)
    {
        var before = await base.ReadAtomAsync(address, cancellationToken).ConfigureAwait(false);
        return (before, await AdoptAsync(address, before, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Stores the atom and mirrors it into its typed table's cell: a column of the record, or one a
    /// newer version of it added to the table. Atoms of tables and columns the database lacks are kept, not mirrored.
    /// </summary>
    public override async ValueTask WriteAtomAsync(Address address, Atom atom, CancellationToken cancellationToken = default)
    {
        await base.WriteAtomAsync(address, atom, cancellationToken).ConfigureAwait(false);
        if (Locate(address) is not var (table, column, keys))
        {
            return;
        }

        var value = table.TryToCellValue(column, atom, out var converted) ? converted : DBNull.Value;
        _pending.Set(table, address.Parent, keys, column, value);
        if (!Store.InBatch || _pending.Count >= PendingTypedRows.FlushThreshold)
        {
            await _pending.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the held-back typed rows, then commits like any tree connector.</summary>
    public override async Task CommitBatchAsync(CancellationToken cancellationToken = default)
    {
        await _pending.FlushAsync(cancellationToken).ConfigureAwait(false);
        await base.CommitBatchAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the atom and clears its typed cell, deleting the row when it was the row's last atom.</summary>
    public override async ValueTask RemoveAtomAsync(Address address, CancellationToken cancellationToken = default)
    {
        await base.RemoveAtomAsync(address, cancellationToken).ConfigureAwait(false);
        if (Locate(address) is not var (table, column, keys))
        {
            return;
        }

        await _pending.FlushAsync(cancellationToken).ConfigureAwait(false);
        var remaining = await ReadAtomsAsync(address.Parent, cancellationToken).ConfigureAwait(false);
        var statement = remaining.Keys.Any(id => table.ColumnIndex(id) >= 0) ? table.ClearCell(column) : table.DeleteRow;
        await Bind(statement, keys).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs while the connector is attached, from when its tables exist until it is detached
    /// (<paramref name="stopping"/> is then cancelled, and the task is not awaited): a store that
    /// can tell when other clients change rows watches for it here and calls
    /// <see cref="SyncChangedAsync"/>. Exceptions are logged. Nothing by default.
    /// </summary>
    protected virtual Task WatchChangesAsync(ConnectorAttachContext context, CancellationToken stopping) => Task.CompletedTask;

    private protected override Task OnAttachedAsync(ConnectorAttachContext context, CancellationToken cancellationToken)
    {
        _context = context;
        _watching = new CancellationTokenSource();
        if (_pollInterval is { } interval)
        {
            _ = PollAsync(context, interval, _watching.Token);
        }

        _ = WatchAsync(context, _watching.Token);
        return Task.CompletedTask;
    }

    private protected override Task OnDetachingAsync()
    {
        // Not awaited: detaching runs on the synclet's queue, which a sync of changes in progress may be waiting for.
        _watching?.Cancel();
        _watching?.Dispose();
        _watching = null;
        _context = null;
        return Task.CompletedTask;
    }

    private async Task WatchAsync(ConnectorAttachContext context, CancellationToken stopping)
    {
        try
        {
            await WatchChangesAsync(context, stopping).ConfigureAwait(false);
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            context.Logger.LogError(exception, "[{SyncletId}] watching for rows changed outside the synclet failed; call SyncChangedAsync to pick them up", context.SyncletId);
        }
    }

    private async Task PollAsync(ConnectorAttachContext context, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await SyncChangedAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    context.Logger.LogError(exception, "[{SyncletId}] looking for rows changed outside the synclet failed; trying again in {Interval}", context.SyncletId, interval);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The synclet was disposed mid-poll: nothing left to sync.
        }
    }

    private static int DepthOf(ISyncletTableMap? rootTable, IReadOnlyDictionary<string, ISyncletTableMap> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        if (rootTable is not null)
        {
            return rootTable.KeyColumns.Count + 1;
        }

        var keyCounts = tables.Values.Select(table => table.KeyColumns.Count).Distinct().ToList();
        return keyCounts.Count switch
        {
            0 => throw new ArgumentException("A typed connector needs at least one table.", nameof(tables)),
            1 => keyCounts[0] + 2,
            _ => throw new ArgumentException("All tables of a schema must have the same number of keys.", nameof(tables)),
        };
    }

    /// <summary>The typed table, mirrored column index and key values of an atom's address; null for atoms with no cell.</summary>
    private (TypedTable Table, int Column, object[] Keys)? Locate(Address address)
    {
        var offset = _rootTable is null ? 1 : 0;
        var table = _rootTable;
        if (table is null && !_tables.TryGetValue(address[0], out table))
        {
            return null;
        }

        var column = table.ColumnIndex(address.LastId);
        return column >= 0 && table.TryKeyValues(address, offset, out var keys) ? (table, column, keys) : null;
    }

    private DbCommand Bind(Statement statement, object[] keys)
    {
        var command = Store.CommandFor(statement);
        for (var i = 0; i < keys.Length; i++)
        {
            command.Parameters[i].Value = keys[i];
        }

        return command;
    }

    /// <summary>Reads a cell from its typed table and makes it the synclet's own atom (runs inside the synclet's batch).</summary>
    private async ValueTask<Atom?> AdoptAsync(Address address, Atom? held, CancellationToken cancellationToken)
    {
        // Only the record's own columns are compared, so only they are ever reported changed.
        if (Locate(address) is not var (table, column, keys) || !table.IsRecordColumn(column))
        {
            return held;
        }

        await _pending.FlushAsync(cancellationToken).ConfigureAwait(false);
        object value = DBNull.Value;
        var readable = true;
        await using (var reader = await Bind(table.ReadCell(column), keys).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                readable = TryGetValue(reader, 0, out value);
            }
        }

        Atom? atom = null;
        if (value is not DBNull && Store.Dialect.TryFromColumnValue(value, table.Map.ValueColumns[column].Type, out var read))
        {
            atom = read;
        }
        else if (value is not DBNull || !readable)
        {
            // Changed again since it was found, to a value the column cannot mean: left alone, as when finding changes.
            return held;
        }

        if (atom is { } adopted)
        {
            await base.WriteAtomAsync(address, adopted, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await base.RemoveAtomAsync(address, cancellationToken).ConfigureAwait(false);
        }

        return atom;
    }

    /// <summary>Compares every typed table with the synclet's copy of its atoms, on a connection of its own (a consistent snapshot of committed data).</summary>
    private async Task<List<Address>> FindChangedCellsAsync(CancellationToken cancellationToken)
    {
        var changed = new List<Address>();
        await using var connection = await Store.OpenSideConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var snapshot = await Store.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        foreach (var table in TypedTables)
        {
            var copy = await ReadCopyAsync(connection, snapshot, table, cancellationToken).ConfigureAwait(false);
            await using (var command = SideCommand(connection, snapshot, table.SelectAll))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (ReadRowAddress(reader, table) is not { } row)
                    {
                        continue;
                    }

                    copy.Remove(row, out Dictionary<string, Atom>? cells);
                    for (var column = 0; column < table.Map.ValueColumns.Count; column++)
                    {
                        var definition = table.Map.ValueColumns[column];
                        if (!TryGetValue(reader, table.KeyCount + column, out var value))
                        {
                            continue;
                        }

                        Atom? known = cells is not null && cells.TryGetValue(definition.Name, out var held) ? held : (Atom?)null;
                        if (!IsMirrorOf(value, known, definition.Type))
                        {
                            changed.Add(row.Append(definition.Name));
                        }
                    }
                }
            }

            // Rows the synclet holds that are gone from the typed table were deleted by other code.
            foreach (var (row, cells) in copy)
            {
                changed.AddRange(cells.Keys.Where(id => table.ColumnIndex(id) >= 0).Select(id => row.Append(id)));
            }
        }

        return changed;
    }

    /// <summary>
    /// Whether a typed cell still holds what the synclet mirrored for <paramref name="known"/>. NULL
    /// mirrors no atom, the null atom, and an atom the column cannot hold (a local untyped write the
    /// schema check never saw), so none of those reads as a change. A value the column cannot mean
    /// (other code wrote <c>'abc'</c> into an INTEGER column) is no atom to adopt either: ignoring it
    /// keeps the synclet's data rather than turning it into a deletion. The atom is compared as the
    /// column gives it back (<c>1e3</c> in a numeric column reads <c>1000</c>), so what the
    /// database's type changes on the way in is no change.
    /// </summary>
    private bool IsMirrorOf(object value, Atom? known, SyncletColumnType type)
    {
        var dialect = Store.Dialect;
        if (value is DBNull)
        {
            return known is not { } atom || atom.IsNull || !dialect.TryToColumnValue(atom, type, out _);
        }

        if (!dialect.TryFromColumnValue(value, type, out var current))
        {
            return true;
        }

        return known is { } held && dialect.TryToColumnValue(held, type, out var stored) && stored is not DBNull
            && dialect.TryFromColumnValue(stored, type, out var storedBack)
            ? storedBack == current
            : known == current;
    }

    /// <summary>
    /// The address of a typed row from its key columns; null when a key cannot be read (a numeric
    /// key too large for <see cref="decimal"/>) or is no id the table accepts (such a row cannot be
    /// synced, so it is not reported as a change again and again).
    /// </summary>
    private Address? ReadRowAddress(DbDataReader reader, TypedTable table)
    {
        var ids = new List<string>(table.KeyCount + 1);
        if (table.TableId is { } tableId)
        {
            ids.Add(tableId);
        }

        for (var key = 0; key < table.KeyCount; key++)
        {
            if (!TryGetValue(reader, key, out var value) || value is DBNull)
            {
                return null;
            }

            var id = Store.Dialect.KeyFromColumnValue(value, table.Map.KeyColumns[key].Type);
            if (!table.Map.AcceptsKey(key, id))
            {
                return null;
            }

            ids.Add(id);
        }

        return new Address(ids);
    }

    /// <summary>
    /// Reads a column, or false when the driver cannot give its value as a .NET one (other code
    /// wrote a numeric NaN, or a number beyond <see cref="decimal"/>): such a cell is left alone.
    /// </summary>
    private static bool TryGetValue(DbDataReader reader, int ordinal, out object value)
    {
        try
        {
            value = reader.GetValue(ordinal);
            return true;
        }
        catch (Exception exception) when (exception is InvalidCastException or OverflowException)
        {
            value = DBNull.Value;
            return false;
        }
    }

    /// <summary>The synclet's copy of one typed table's atoms, by row address.</summary>
    private async Task<Dictionary<Address, Dictionary<string, Atom>>> ReadCopyAsync(DbConnection connection, DbTransaction snapshot, TypedTable table, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<Address, Dictionary<string, Atom>>();
        var level = table.TableId is null ? 0 : 1;
        await using var command = SideCommand(connection, snapshot, Table.AtomsUnder(level).Sql, table.TableId is { } id ? [Rows.Scope, id] : [Rows.Scope]);
        foreach (var (address, atom) in await command.ReadLeavesAsync(Depth, JsonText.ParseAtom, cancellationToken).ConfigureAwait(false))
        {
            var row = address.Parent;
            if (!rows.TryGetValue(row, out var cells))
            {
                rows[row] = cells = new Dictionary<string, Atom>(StringComparer.Ordinal);
            }

            cells[address.LastId] = atom;
        }

        return rows;
    }

    private DbCommand SideCommand(DbConnection connection, DbTransaction transaction, string sql, params object[] values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = Store.Dialect.ParameterName(i);
            parameter.Value = values[i];
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>The tables of a schema of several tables; a schema of one root table is refused with a hint.</summary>
    protected static IReadOnlyDictionary<string, ISyncletTableMap> TablesOf(SyncletSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema.Tables.Count > 0
            ? schema.Tables
            : throw new ArgumentException("This schema holds one table at the root; pass its table map (e.g. TodoTableMap.Instance) instead.", nameof(schema));
    }
}
