namespace Synclets;

/// <summary>Running counts of a synclet's message handling. Safe to read at any time.</summary>
public sealed class SyncletStatistics
{
    private long _messagesProcessed;
    private long _messagesRejected;
    private long _messagesOverflowed;
    private long _batchesFailed;
    private long _writesTooFarAhead;
    private long _conflicts;
    private long _answersCut;
    private long _requestsRepeated;
    private long _syncsYielded;
    private long _peerMismatches;
    private long _atomsAppliedLocally;
    private long _atomsAppliedRemotely;
    private long _atomsAppliedExternally;
    private long _atomsSent;
    private long _syncsCompleted;
    private long _syncsIncomplete;

    /// <summary>Received messages that were valid and answered.</summary>
    public long MessagesProcessed => Interlocked.Read(ref _messagesProcessed);

    /// <summary>
    /// Received messages refused: undecodable, wrong version, type or depth, a node of the wrong
    /// kind for its address, an invalid sender, or refused by the <c>CanReceiveMessage</c> hook.
    /// </summary>
    public long MessagesRejected => Interlocked.Read(ref _messagesRejected);

    /// <summary>
    /// Received messages dropped because the processing queue was full (in count or bytes); the
    /// sender holding most of the queue loses first.
    /// </summary>
    public long MessagesOverflowed => Interlocked.Read(ref _messagesOverflowed);

    /// <summary>Batches rolled back because the store failed; peers resend on their next sync.</summary>
    public long BatchesFailed => Interlocked.Read(ref _batchesFailed);

    /// <summary>Received writes not applied because their timestamp was too far ahead of this synclet's clock.</summary>
    public long WritesTooFarAhead => Interlocked.Read(ref _writesTooFarAhead);

    /// <summary>Values this synclet wrote that lost to a peer's later, different value (see <see cref="Synclet.AtomConflict"/>).</summary>
    public long Conflicts => Interlocked.Read(ref _conflicts);

    /// <summary>
    /// Answers cut short because the peer asked for more work than its budget allows (see
    /// <see cref="SyncletOptions.PeerBudget"/>) or left while it was being answered.
    /// </summary>
    public long AnswersCut => Interlocked.Read(ref _answersCut);

    /// <summary>
    /// Received messages not processed because the same sender's identical message was still waiting
    /// to be: a request repeated before its first answer went out is answered once.
    /// </summary>
    public long RequestsRepeated => Interlocked.Read(ref _requestsRepeated);

    /// <summary>
    /// Whole-tree syncs of this synclet that gave way to a peer's, started at the same moment (both
    /// sent their root hash before seeing the other's): the peer's sync carries what differs both
    /// ways, so nothing crosses twice. The answer to this synclet's root hash is then left unanswered.
    /// </summary>
    public long SyncsYielded => Interlocked.Read(ref _syncsYielded);

    /// <summary>
    /// Peers found set up differently from this synclet: another wire format, depth or protocol
    /// version (each peer and kind once; see <see cref="Synclet.PeerMismatch"/>). Their messages are
    /// also counted where they are dropped: <see cref="MessagesRejected"/>, or the transport's dropped packets.
    /// </summary>
    public long PeerMismatches => Interlocked.Read(ref _peerMismatches);

    /// <summary>Atoms whose value this synclet's own writes changed (<see cref="ChangeOrigin.Local"/>).</summary>
    public long AtomsAppliedLocally => Interlocked.Read(ref _atomsAppliedLocally);

    /// <summary>Atoms whose value a peer's writes changed here (<see cref="ChangeOrigin.Remote"/>).</summary>
    public long AtomsAppliedRemotely => Interlocked.Read(ref _atomsAppliedRemotely);

    /// <summary>Atoms changed in the store by other code and adopted (<see cref="ChangeOrigin.External"/>).</summary>
    public long AtomsAppliedExternally => Interlocked.Read(ref _atomsAppliedExternally);

    /// <summary>Atoms (values and deletions) sent to peers, once per transport they went out on.</summary>
    public long AtomsSent => Interlocked.Read(ref _atomsSent);

    /// <summary>Syncs that ended with every peer in step (see <see cref="Synclet.SyncAsync(SyncRequest, CancellationToken)"/>).</summary>
    public long SyncsCompleted => Interlocked.Read(ref _syncsCompleted);

    /// <summary>Syncs that ended without every peer in step: one did not answer in time, none answered, or the synclet stopped.</summary>
    public long SyncsIncomplete => Interlocked.Read(ref _syncsIncomplete);

    internal void CountAtomsSent(int count) => Interlocked.Add(ref _atomsSent, count);

    internal void CountSyncEnded(bool complete) => Interlocked.Increment(ref complete ? ref _syncsCompleted : ref _syncsIncomplete);

    internal void CountAtomsApplied(ChangeOrigin origin, int count)
    {
        switch (origin)
        {
            case ChangeOrigin.Local:
                Interlocked.Add(ref _atomsAppliedLocally, count);
                break;
            case ChangeOrigin.Remote:
                Interlocked.Add(ref _atomsAppliedRemotely, count);
                break;
            default:
                Interlocked.Add(ref _atomsAppliedExternally, count);
                break;
        }
    }

    internal void CountPeerMismatch() => Interlocked.Increment(ref _peerMismatches);

    internal void CountSyncYielded() => Interlocked.Increment(ref _syncsYielded);

    internal void CountAnswerCut() => Interlocked.Increment(ref _answersCut);

    internal void CountRequestRepeated() => Interlocked.Increment(ref _requestsRepeated);

    internal void CountConflicts(int count) => Interlocked.Add(ref _conflicts, count);

    internal void CountWritesTooFarAhead(int count) => Interlocked.Add(ref _writesTooFarAhead, count);

    internal void CountProcessed() => Interlocked.Increment(ref _messagesProcessed);

    internal void CountRejected() => Interlocked.Increment(ref _messagesRejected);

    internal void CountOverflowed(int count) => Interlocked.Add(ref _messagesOverflowed, count);

    internal void CountBatchFailed() => Interlocked.Increment(ref _batchesFailed);
}
