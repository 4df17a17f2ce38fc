namespace Synclets;

/// <summary>Where this synclet stands with one peer (see <see cref="Synclet.PeerSyncStateChanged"/>).</summary>
public enum PeerSyncState
{
    /// <summary>
    /// Nothing is known: the peer has not answered lately, did not answer the last sync in time, or
    /// does not acknowledge what it is sent (a TypeScript peer), so whether it is in step cannot be told.
    /// </summary>
    Unknown,

    /// <summary>Messages to the peer wait for its answer: the two are exchanging what differs.</summary>
    Syncing,

    /// <summary>The peer answered everything this synclet sent it: as far as both know, they hold the same tree.</summary>
    InSync,
}
