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

    /// <summary>Received messages that were valid and answered.</summary>
    public long MessagesProcessed => Interlocked.Read(ref _messagesProcessed);

    /// <summary>
    /// Received messages refused: undecodable, wrong version, type or depth, a node of the wrong
    /// kind for its address, an invalid sender, or refused by the <c>CanReceiveMessage</c> hook.
    /// </summary>
    public long MessagesRejected => Interlocked.Read(ref _messagesRejected);

    /// <summary>Received messages dropped because the processing queue was full.</summary>
    public long MessagesOverflowed => Interlocked.Read(ref _messagesOverflowed);

    /// <summary>Batches rolled back because the store failed; peers resend on their next sync.</summary>
    public long BatchesFailed => Interlocked.Read(ref _batchesFailed);

    /// <summary>Received writes not applied because their timestamp was too far ahead of this synclet's clock.</summary>
    public long WritesTooFarAhead => Interlocked.Read(ref _writesTooFarAhead);

    /// <summary>Values this synclet wrote that lost to a peer's later, different value (see <see cref="Synclet.AtomConflict"/>).</summary>
    public long Conflicts => Interlocked.Read(ref _conflicts);

    internal void CountConflicts(int count) => Interlocked.Add(ref _conflicts, count);

    internal void CountWritesTooFarAhead(int count) => Interlocked.Add(ref _writesTooFarAhead, count);

    internal void CountProcessed() => Interlocked.Increment(ref _messagesProcessed);

    internal void CountRejected() => Interlocked.Increment(ref _messagesRejected);

    internal void CountOverflowed() => Interlocked.Increment(ref _messagesOverflowed);

    internal void CountBatchFailed() => Interlocked.Increment(ref _batchesFailed);
}
