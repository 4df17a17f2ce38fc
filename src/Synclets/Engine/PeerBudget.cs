namespace Synclets.Engine;

/// <summary>
/// How much answering work one peer may still ask of this synclet: a bucket of work units (child
/// ids listed and leaves read for it) that refills at a steady rate up to a burst. An empty
/// bucket cuts answers short (marked partial, so the peer asks again later); it never stops writes
/// the peer sends from being applied. Used on the synclet's queue only, so it needs no lock.
/// </summary>
internal sealed class PeerBudget(PeerBudgetOptions options, TimeProvider timeProvider, Func<bool> isPeerPresent)
{
    /// <summary>
    /// Where a long answer to this peer pauses for the synclet's own calls (see
    /// <see cref="Protocol.Exchange.PauseAsync"/>): made once per peer, not per message.
    /// </summary>
    public Func<Protocol.Exchange, ValueTask>? PauseForLocalCalls { get; init; }

    private double _units = options.Burst;
    private long _refilledAt = timeProvider.GetTimestamp();

    /// <summary>Whether the bucket is full, so forgetting this budget loses nothing.</summary>
    public bool IsFull => Refill() >= options.Burst;

    /// <summary>
    /// Whether no more work may be done for the peer now: its bucket is empty, or it has left
    /// (an answer nobody will read is abandoned at once).
    /// </summary>
    public bool IsExhausted => Refill() <= 0 || !isPeerPresent();

    /// <summary>Takes <paramref name="units"/> of work from the bucket, which may go below zero: work already done is paid.</summary>
    public void Charge(int units) => _units -= units;

    private double Refill()
    {
        var now = timeProvider.GetTimestamp();
        var elapsed = timeProvider.GetElapsedTime(_refilledAt, now);
        _refilledAt = now;
        _units = Math.Min(options.Burst, _units + (elapsed.TotalSeconds * options.PerSecond));
        return _units;
    }
}
