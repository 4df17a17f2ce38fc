namespace Synclets.Typed;

/// <summary>
/// How rows of one record type map to atoms and to a relational table: generated for every
/// <see cref="SyncletAttribute"/> record, used by typed synclets, the schema check and the
/// relational connectors' typed tables.
/// </summary>
public interface ISyncletTableMap
{
    /// <summary>The name of the record's table in a relational store.</summary>
    string TableName { get; }

    /// <summary>The key columns, outermost first: a row's ids in the tree.</summary>
    IReadOnlyList<SyncletColumn> KeyColumns { get; }

    /// <summary>The value columns: the last id of each atom's address.</summary>
    IReadOnlyList<SyncletColumn> ValueColumns { get; }

    /// <summary>A short hash of the table name, columns and types; it changes whenever they do.</summary>
    string Fingerprint { get; }

    /// <summary>Whether <paramref name="id"/> is a valid id for key column <paramref name="keyIndex"/>.</summary>
    bool AcceptsKey(int keyIndex, string id);

    /// <summary>Whether <paramref name="atom"/> is a valid value for the value column <paramref name="columnName"/> (false for unknown columns).</summary>
    bool AcceptsValue(string columnName, Atom atom);
}

/// <summary>Reads and writes rows of <typeparamref name="T"/> as atoms, without reflection.</summary>
/// <typeparam name="T">The record type.</typeparam>
public interface ISyncletTableMap<T> : ISyncletTableMap
    where T : class
{
    /// <summary>The row's key values as ids, in key order.</summary>
    string[] GetKeyIds(T row);

    /// <summary>The row's values as atoms, in <see cref="ISyncletTableMap.ValueColumns"/> order.</summary>
    Atom[] GetCells(T row);

    /// <summary>
    /// Builds a row from its key ids and the atoms found under it; a missing or invalid atom leaves
    /// its property at the default. Null when a key id cannot be read as its key type.
    /// </summary>
    T? ReadRow(IReadOnlyList<string> keyIds, IReadOnlyDictionary<string, Atom> cells);
}
