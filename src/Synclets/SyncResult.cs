namespace Synclets;

/// <summary>
/// How a sync ended: with which peers it finished, and what moved while it ran. The counts are
/// differences of <see cref="Synclet.Statistics"/> and the transports' statistics between its start
/// and its end, so they include anything else the synclet did meanwhile (a local write, another
/// peer's sync).
/// </summary>
public sealed class SyncResult
{
    /// <summary>The subtree that was compared.</summary>
    public required Address Address { get; init; }

    /// <summary>
    /// True when every peer finished: it answered everything this synclet sent it (peers that do not
    /// acknowledge, such as TypeScript ones, are not waited for). False when a peer did not answer
    /// in time, when no peer answered at all, or when the synclet was stopped or not started.
    /// </summary>
    public required bool IsComplete { get; init; }

    /// <summary>Why the sync is not complete; null when it is.</summary>
    public string? Problem { get; init; }

    /// <summary>Every peer the sync waited for, with where it stands: <see cref="PeerSyncState.InSync"/>, or <see cref="PeerSyncState.Unknown"/> if it did not finish in time.</summary>
    public required IReadOnlyDictionary<string, PeerSyncState> Peers { get; init; }

    /// <summary>How long the sync ran.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Atoms from peers applied here.</summary>
    public long AtomsReceived { get; init; }

    /// <summary>Atoms (values and deletions) sent to peers.</summary>
    public long AtomsSent { get; init; }

    /// <summary>Messages received, whole (after reassembly).</summary>
    public long MessagesReceived { get; init; }

    /// <summary>Messages sent.</summary>
    public long MessagesSent { get; init; }

    /// <summary>Bytes received, packets included.</summary>
    public long BytesReceived { get; init; }

    /// <summary>Bytes sent, packets included.</summary>
    public long BytesSent { get; init; }

    /// <summary>Values this synclet wrote that a later value from a peer replaced.</summary>
    public long Conflicts { get; init; }

    /// <summary>Received messages refused (malformed, wrong depth, refused by a hook) and writes refused for being too far ahead.</summary>
    public long Refusals { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{(IsComplete ? "complete" : "incomplete: " + Problem)} in {Duration.TotalMilliseconds:0} ms with {Peers.Count} peer(s); "
        + $"{AtomsReceived} atoms received, {AtomsSent} sent; {MessagesReceived}/{MessagesSent} messages, {BytesReceived}/{BytesSent} bytes in/out; "
        + $"{Conflicts} conflicts, {Refusals} refusals";
}
