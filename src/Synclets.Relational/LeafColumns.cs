namespace Synclets.Relational;

/// <summary>Which value columns of a leaf row a write sets; the others keep what they held.</summary>
internal enum LeafColumns
{
    /// <summary>The atom alone (the data connector wrote, the meta connector did not).</summary>
    Atom,

    /// <summary>The timestamp alone.</summary>
    Timestamp,

    /// <summary>Both, in one statement (the usual case: a synclet writes an atom and its timestamp together).</summary>
    Both,
}
