namespace Synclets;

/// <summary>Where a change to an atom came from.</summary>
public enum ChangeOrigin
{
    /// <summary>A write through this synclet's API, or a change to its store reported by its connector.</summary>
    Local,

    /// <summary>A write received from a peer.</summary>
    Remote,
}
