namespace Synclets;

/// <summary>
/// Describes a peer this synclet cannot sync with because they are set up differently. Raised once
/// per peer and kind; the peer, misconfigured or not, raises its own for this synclet when it hears
/// from it.
/// </summary>
public sealed class PeerMismatchEventArgs : EventArgs
{
    internal PeerMismatchEventArgs(string peer, PeerMismatchKind kind, string theirs, string ours)
    {
        Peer = peer;
        Kind = kind;
        Theirs = theirs;
        Ours = ours;
    }

    /// <summary>The id of the peer whose messages showed the mismatch.</summary>
    public string Peer { get; }

    /// <summary>What differs.</summary>
    public PeerMismatchKind Kind { get; }

    /// <summary>The peer's setting: <c>MessagePack</c> or <c>JSON</c>, a depth, or a protocol version.</summary>
    public string Theirs { get; }

    /// <summary>This synclet's (or its transport's) setting, written as <see cref="Theirs"/> is.</summary>
    public string Ours { get; }

    /// <summary>The mismatch in a sentence, with the fix: what the warning in the log says.</summary>
    public string Message => Kind switch
    {
        PeerMismatchKind.WireFormat =>
            $"Peer '{Peer}' speaks {Theirs}; this transport speaks {Ours}. Nothing from it can be read: give every peer the same TransportOptions.WireFormat.",
        PeerMismatchKind.Depth =>
            $"Peer '{Peer}' has depth {Theirs}; this synclet has depth {Ours}. Their messages are refused: peers that sync need trees (connectors, schemas) of the same depth.",
        _ =>
            $"Peer '{Peer}' speaks protocol version {Theirs}; this synclet speaks version {Ours}. Their messages are refused: update the older side.",
    };

    /// <inheritdoc />
    public override string ToString() => Message;
}
