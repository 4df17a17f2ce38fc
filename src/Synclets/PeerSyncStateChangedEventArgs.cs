namespace Synclets;

/// <summary>A peer's <see cref="PeerSyncState"/> changed (see <see cref="Synclet.PeerSyncStateChanged"/>).</summary>
public sealed class PeerSyncStateChangedEventArgs : EventArgs
{
    internal PeerSyncStateChangedEventArgs(string peer, PeerSyncState state)
    {
        Peer = peer;
        State = state;
    }

    /// <summary>The peer's id.</summary>
    public string Peer { get; }

    /// <summary>Where this synclet now stands with it.</summary>
    public PeerSyncState State { get; }
}
