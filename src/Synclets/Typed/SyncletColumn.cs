namespace Synclets.Typed;

/// <summary>One column of a typed table: its id in the tree, what it holds, and whether it may be null.</summary>
/// <param name="Name">The column's id (the last id of an atom's address) and its name in a relational table.</param>
/// <param name="Type">What the column holds.</param>
/// <param name="IsNullable">Whether the null atom is a valid value.</param>
public sealed record SyncletColumn(string Name, SyncletColumnType Type, bool IsNullable)
{
    /// <summary>
    /// Whether the record declares a default for the property (a constructor parameter's default),
    /// which a row without the column's atom reads. Like a nullable column, such a column can be
    /// added to a table whose rows have no value for it.
    /// </summary>
    public bool HasDefault { get; init; }

    /// <summary>Whether <paramref name="atom"/> is a value this column can hold.</summary>
    public bool Accepts(Atom atom) => atom.Kind switch
    {
        AtomKind.Null => IsNullable,
        AtomKind.Boolean => Type == SyncletColumnType.Boolean,
        AtomKind.Integer => Type is SyncletColumnType.Integer or SyncletColumnType.Real,
        AtomKind.Double => Type == SyncletColumnType.Real,
        _ => Type is not (SyncletColumnType.Integer or SyncletColumnType.Real or SyncletColumnType.Boolean)
            && AtomConvert.IsValidText(Type, atom.AsString()),
    };
}
