namespace Synclets;

/// <summary>
/// Describes a value this synclet wrote that a peer's later, different value replaced: what every
/// synclet ends up holding is the peer's (see <see cref="Synclet.AtomConflict"/>).
/// </summary>
public sealed class AtomConflictEventArgs : EventArgs
{
    internal AtomConflictEventArgs(string peer, Address address, Atom? localAtom, string localTimestamp, Atom? remoteAtom, string remoteTimestamp)
    {
        Peer = peer;
        Address = address;
        LocalAtom = localAtom;
        LocalTimestamp = localTimestamp;
        RemoteAtom = remoteAtom;
        RemoteTimestamp = remoteTimestamp;
    }

    /// <summary>The id of the peer the other value came from (the sender, which may have relayed it).</summary>
    public string Peer { get; }

    /// <summary>The leaf address of the atom.</summary>
    public Address Address { get; }

    /// <summary>The value this synclet wrote; null when its write was a deletion.</summary>
    public Atom? LocalAtom { get; }

    /// <summary>The timestamp of this synclet's write.</summary>
    public string LocalTimestamp { get; }

    /// <summary>The peer's value; null when its write was a deletion.</summary>
    public Atom? RemoteAtom { get; }

    /// <summary>The timestamp of the peer's write, later than <see cref="LocalTimestamp"/>.</summary>
    public string RemoteTimestamp { get; }
}
