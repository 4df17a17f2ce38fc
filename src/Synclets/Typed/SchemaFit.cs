namespace Synclets.Typed;

/// <summary>How a peer's write fits a typed synclet's schema.</summary>
internal enum SchemaFit
{
    /// <summary>A known table and column, valid keys, a value of the column's type.</summary>
    Fits,

    /// <summary>A table this version does not know: a newer version's, kept and synced on.</summary>
    UnknownTable,

    /// <summary>A column this version does not know in a known table: a newer version's, kept and synced on.</summary>
    UnknownColumn,

    /// <summary>Invalid keys, or a value the known column cannot hold: refused.</summary>
    Misfit,
}
