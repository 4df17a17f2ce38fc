namespace Synclets.Typed;

/// <summary>One column of one row of a typed table changed.</summary>
public sealed class RowChangedEventArgs : EventArgs
{
    internal RowChangedEventArgs(IReadOnlyList<string> keyIds, string columnName, Atom? oldAtom, Atom? newAtom, ChangeOrigin origin)
    {
        KeyIds = keyIds;
        ColumnName = columnName;
        OldAtom = oldAtom;
        NewAtom = newAtom;
        Origin = origin;
    }

    /// <summary>The row's key ids, in key order.</summary>
    public IReadOnlyList<string> KeyIds { get; }

    /// <summary>The column that changed.</summary>
    public string ColumnName { get; }

    /// <summary>The column's value before, or null when it had none.</summary>
    public Atom? OldAtom { get; }

    /// <summary>The column's value after, or null when it was deleted (the whole row, when every column is).</summary>
    public Atom? NewAtom { get; }

    /// <summary>Where the change came from: this synclet's API, a peer, or other code writing the synclet's store.</summary>
    public ChangeOrigin Origin { get; }
}
