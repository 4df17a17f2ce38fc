namespace Synclets;

/// <summary>Where a change to an atom came from.</summary>
public enum ChangeOrigin
{
    /// <summary>A write through this synclet's API.</summary>
    Local,

    /// <summary>A write received from a peer.</summary>
    Remote,

    /// <summary>
    /// A change made to the synclet's store by other code (another connection or process), which
    /// its connector found and the synclet adopted: a typed table's row updated with plain SQL, say.
    /// </summary>
    External,
}
