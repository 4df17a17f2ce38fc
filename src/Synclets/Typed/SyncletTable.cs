namespace Synclets.Typed;

/// <summary>
/// Rows of <typeparamref name="T"/> stored under one address of a synclet: each row's keys are
/// ids below the table's address, each column an atom below the row. Generated extension methods
/// add typed members (<c>GetAsync(id)</c>, <c>SetTitleAsync(id, value)</c>, …) on top of these.
/// </summary>
/// <typeparam name="T">The record type of a row.</typeparam>
public class SyncletTable<T>
    where T : class
{
    /// <summary>Binds the table at <paramref name="address"/> of <paramref name="synclet"/>.</summary>
    /// <exception cref="ArgumentException">The synclet's depth does not fit the table's keys at that address.</exception>
    public SyncletTable(Synclet synclet, Address address, ISyncletTableMap<T> map)
    {
        ArgumentNullException.ThrowIfNull(synclet);
        ArgumentNullException.ThrowIfNull(map);
        var depth = address.Count + map.KeyColumns.Count + 1;
        if (synclet.Depth != depth)
        {
            throw new ArgumentException(
                $"Table '{map.TableName}' at '{address}' needs a synclet of depth {depth}, but synclet '{synclet.Id}' has depth {synclet.Depth}.",
                nameof(synclet));
        }

        Synclet = synclet;
        Address = address;
        Map = map;
        synclet.AtomChanged += OnAtomChanged;
        synclet.AtomConflict += OnAtomConflict;
    }

    /// <summary>Raised after a column of a row of this table changed, locally or by a peer.</summary>
    public event EventHandler<RowChangedEventArgs>? RowChanged;

    /// <summary>Raised when a column this synclet wrote lost to a peer's later, different value (see <see cref="Synclet.AtomConflict"/>).</summary>
    public event EventHandler<RowConflictEventArgs<T>>? RowConflict;

    /// <summary>The synclet holding the rows.</summary>
    public Synclet Synclet { get; }

    /// <summary>Where the table's rows start in the tree (the root for a table synclet).</summary>
    public Address Address { get; }

    /// <summary>How rows map to atoms.</summary>
    public ISyncletTableMap<T> Map { get; }

    /// <summary>The address of a row: the table's address followed by the key ids.</summary>
    public Address RowAddress(IReadOnlyList<string> keyIds)
    {
        ArgumentNullException.ThrowIfNull(keyIds);
        if (keyIds.Count != Map.KeyColumns.Count)
        {
            throw new ArgumentException($"Table '{Map.TableName}' has {Map.KeyColumns.Count} keys, not {keyIds.Count}.", nameof(keyIds));
        }

        return new Address(Address.Concat(keyIds));
    }

    /// <summary>
    /// The row with these key ids, or null when it has no atoms. A column with no atom of its type
    /// reads as its constructor parameter's default, or else its type's (null, 0, false, the first
    /// enum value): a row partly synced, or a column a newer version added that no one wrote yet,
    /// still reads as a whole row. Ask <see cref="GetMissingColumnsAsync"/> which columns that was.
    /// </summary>
    public async Task<T?> GetRowAsync(IReadOnlyList<string> keyIds, CancellationToken cancellationToken = default)
    {
        var cells = await Synclet.GetAtomsAsync(RowAddress(keyIds), cancellationToken).ConfigureAwait(false);
        return cells.Count == 0 ? null : Map.ReadRow(keyIds, cells);
    }

    /// <summary>
    /// The value columns of a row that hold no atom of their type, so that <see cref="GetRowAsync"/>
    /// gave them their property's default; empty for a complete row (or no row). A nullable column
    /// written as null holds the null atom and is not missing.
    /// </summary>
    public async Task<IReadOnlyList<string>> GetMissingColumnsAsync(IReadOnlyList<string> keyIds, CancellationToken cancellationToken = default)
    {
        var cells = await Synclet.GetAtomsAsync(RowAddress(keyIds), cancellationToken).ConfigureAwait(false);
        if (cells.Count == 0)
        {
            return [];
        }

        return [.. Map.ValueColumns
            .Where(column => !cells.TryGetValue(column.Name, out var atom) || !column.Accepts(atom))
            .Select(column => column.Name)];
    }

    /// <summary>Writes a row; only columns whose value changed get a new timestamp and are sent.</summary>
    public Task SetRowAsync(T row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        var rowAddress = RowAddress(Map.GetKeyIds(row));
        var cells = Map.GetCells(row);
        var writes = new KeyValuePair<Address, Atom?>[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            writes[i] = new(rowAddress.Append(Map.ValueColumns[i].Name), cells[i]);
        }

        return Synclet.WriteManyAsync(writes, skipUnchanged: true, context: null, sync: true, cancellationToken);
    }

    /// <summary>
    /// Deletes every column of a row (each keeps a tombstone, so the deletion syncs), and the atoms a
    /// newer version of the record wrote in columns this version does not know.
    /// </summary>
    public async Task DeleteRowAsync(IReadOnlyList<string> keyIds, CancellationToken cancellationToken = default)
    {
        var rowAddress = RowAddress(keyIds);
        var held = await Synclet.GetAtomsAsync(rowAddress, cancellationToken).ConfigureAwait(false);
        var columns = Map.ValueColumns.Select(column => column.Name).Union(held.Keys, StringComparer.Ordinal);
        var deletes = columns.Select(column => new KeyValuePair<Address, Atom?>(rowAddress.Append(column), null)).ToList();
        await Synclet.WriteManyAsync(deletes, skipUnchanged: false, context: null, sync: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every row of the table whose keys can be read.</summary>
    public async Task<IReadOnlyList<T>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        var data = await Synclet.GetDataAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        if (data.TryGetNode(Address, out var table))
        {
            Collect(table, []);
        }

        return rows;

        void Collect(Tree<Atom> node, List<string> keyIds)
        {
            if (keyIds.Count == Map.KeyColumns.Count)
            {
                var cells = node.ToDictionary(pair => pair.Key, pair => pair.Value.Value, StringComparer.Ordinal);
                if (Map.ReadRow(keyIds, cells) is { } row)
                {
                    rows.Add(row);
                }

                return;
            }

            foreach (var (id, child) in node)
            {
                keyIds.Add(id);
                Collect(child, keyIds);
                keyIds.RemoveAt(keyIds.Count - 1);
            }
        }
    }

    /// <summary>One column's atom, or null when it has none.</summary>
    public Task<Atom?> GetCellAsync(IReadOnlyList<string> keyIds, string columnName, CancellationToken cancellationToken = default) =>
        Synclet.GetAtomAsync(RowAddress(keyIds).Append(columnName), cancellationToken);

    /// <summary>Writes one column's atom (a new timestamp only if the value changed).</summary>
    public Task SetCellAsync(IReadOnlyList<string> keyIds, string columnName, Atom atom, CancellationToken cancellationToken = default) =>
        Synclet.WriteManyAsync([new(RowAddress(keyIds).Append(columnName), atom)], skipUnchanged: true, context: null, sync: true, cancellationToken);

    private void OnAtomChanged(object? sender, AtomChangedEventArgs change)
    {
        if (RowChanged is not { } handlers || !change.Address.StartsWith(Address))
        {
            return;
        }

        Synclet.Raise(handlers, this, new RowChangedEventArgs(KeyIdsOf(change.Address), change.Address.LastId, change.OldAtom, change.NewAtom, change.Origin), nameof(RowChanged));
    }

    private void OnAtomConflict(object? sender, AtomConflictEventArgs conflict)
    {
        if (RowConflict is { } handlers && conflict.Address.StartsWith(Address))
        {
            Synclet.Raise(handlers, this, new RowConflictEventArgs<T>(KeyIdsOf(conflict.Address), conflict.Address.LastId, conflict), nameof(RowConflict));
        }
    }

    private string[] KeyIdsOf(Address leaf) => leaf.AsSpan().Slice(Address.Count, Map.KeyColumns.Count).ToArray();
}
