namespace Synclets.Typed;

/// <summary>
/// The tables of a typed synclet and the depth they make: one table at the root (values and table
/// shapes), or several under table ids (schema shape). It decides which atoms a peer may write.
/// </summary>
public sealed class SyncletSchema
{
    private readonly ISyncletTableMap? _rootTable;
    private readonly IReadOnlyDictionary<string, ISyncletTableMap> _tables;

    // Computed on first use: generated maps often build their schema in a static field declared
    // before their column lists, which are then not yet initialized.
    private readonly Lazy<int> _depth;

    private SyncletSchema(ISyncletTableMap? rootTable, IReadOnlyDictionary<string, ISyncletTableMap> tables)
    {
        _rootTable = rootTable;
        _tables = tables;
        _depth = new Lazy<int>(ComputeDepth);
    }

    /// <summary>The depth of a tree holding this schema.</summary>
    /// <exception cref="InvalidOperationException">The schema's tables have different numbers of keys.</exception>
    public int Depth => _depth.Value;

    /// <summary>The single table at the root (values and table shapes), or null for a schema of several tables.</summary>
    public ISyncletTableMap? RootTable => _rootTable;

    /// <summary>The tables by id (empty for a single table at the root).</summary>
    public IReadOnlyDictionary<string, ISyncletTableMap> Tables => _tables;

    /// <summary>One table at the root: addresses are <c>[key…, column]</c>.</summary>
    public static SyncletSchema ForTable(ISyncletTableMap table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new SyncletSchema(table, new Dictionary<string, ISyncletTableMap>());
    }

    /// <summary>Several tables under their ids: addresses are <c>[table, key…, column]</c>; every table must have the same number of keys.</summary>
    /// <exception cref="ArgumentException">No tables.</exception>
    public static SyncletSchema ForTables(IReadOnlyDictionary<string, ISyncletTableMap> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        if (tables.Count == 0)
        {
            throw new ArgumentException("A schema needs at least one table.", nameof(tables));
        }

        return new SyncletSchema(null, tables);
    }

    /// <summary>Whether a peer may write <paramref name="atom"/> at <paramref name="address"/>: a known table, valid keys, a known column, a value of its type.</summary>
    public bool Accepts(Address address, Atom atom)
    {
        if (address.Count != Depth)
        {
            return false;
        }

        var offset = _rootTable is null ? 1 : 0;
        var table = _rootTable;
        if (table is null && !_tables.TryGetValue(address[0], out table))
        {
            return false;
        }

        for (var key = 0; key < table.KeyColumns.Count; key++)
        {
            if (!table.AcceptsKey(key, address[offset + key]))
            {
                return false;
            }
        }

        return table.AcceptsValue(address[Depth - 1], atom);
    }

    /// <summary>
    /// How a peer's write fits the schema: exactly, in a table or column this version does not know
    /// (a newer version's, to be kept and synced on), or not at all (invalid keys, a value of the
    /// wrong type for a known column).
    /// </summary>
    internal SchemaFit Classify(Address address, Atom atom)
    {
        if (address.Count != Depth)
        {
            return SchemaFit.Misfit;
        }

        var offset = _rootTable is null ? 1 : 0;
        var table = _rootTable;
        if (table is null && !_tables.TryGetValue(address[0], out table))
        {
            return SchemaFit.UnknownTable;
        }

        for (var key = 0; key < table.KeyColumns.Count; key++)
        {
            if (!table.AcceptsKey(key, address[offset + key]))
            {
                return SchemaFit.Misfit;
            }
        }

        var column = address[Depth - 1];
        if (table.AcceptsValue(column, atom))
        {
            return SchemaFit.Fits;
        }

        return IsKnownColumn(table, column) ? SchemaFit.Misfit : SchemaFit.UnknownColumn;
    }

    private static bool IsKnownColumn(ISyncletTableMap table, string column)
    {
        foreach (var known in table.ValueColumns)
        {
            if (known.Name == column)
            {
                return true;
            }
        }

        return false;
    }

    private int ComputeDepth()
    {
        if (_rootTable is not null)
        {
            return _rootTable.KeyColumns.Count + 1;
        }

        var keyCounts = _tables.Values.Select(table => table.KeyColumns.Count).Distinct().ToList();
        return keyCounts.Count == 1
            ? keyCounts[0] + 2
            : throw new InvalidOperationException("All tables of a schema must have the same number of keys.");
    }
}
