namespace Synclets.Typed;

/// <summary>
/// A column this synclet wrote lost to a peer's later, different value: the table's view of
/// <see cref="Synclet.AtomConflict"/>. Generated tables add a typed reader per column
/// (<c>conflict.TitleValues()</c> gives both titles as strings).
/// </summary>
/// <typeparam name="T">The record type of the table's rows.</typeparam>
public sealed class RowConflictEventArgs<T> : EventArgs
    where T : class
{
    internal RowConflictEventArgs(IReadOnlyList<string> keyIds, string columnName, AtomConflictEventArgs conflict)
    {
        KeyIds = keyIds;
        ColumnName = columnName;
        Conflict = conflict;
    }

    /// <summary>The row's key ids, in key order.</summary>
    public IReadOnlyList<string> KeyIds { get; }

    /// <summary>The column whose values met.</summary>
    public string ColumnName { get; }

    /// <summary>The conflict: both values, both timestamps and the peer.</summary>
    public AtomConflictEventArgs Conflict { get; }

    /// <summary>The value this synclet wrote; null when its write was a deletion.</summary>
    public Atom? LocalAtom => Conflict.LocalAtom;

    /// <summary>The peer's value; null when its write was a deletion.</summary>
    public Atom? RemoteAtom => Conflict.RemoteAtom;
}
