namespace Synclets;

/// <summary>
/// How much answering work each peer may ask of a synclet, so that no cheap request buys expensive
/// work: an empty root listing (a few bytes) asks for the whole tree. Work is counted in units of
/// one child id listed or one leaf read for the peer. Past the budget, answers are cut short and
/// marked partial, which the peer's next sync picks up; writes the peer sends are still applied.
/// </summary>
/// <remarks>
/// The defaults let a peer sync 1,000,000 atoms at once and then 200,000 a second, far above what
/// an honest initial sync of 100,000 atoms needs, while 100 repeated requests for a large tree
/// cost about one tree's worth of work instead of a hundred.
/// </remarks>
public sealed record PeerBudgetOptions
{
    /// <summary>The work a peer may ask for at once; 2,000,000 units by default.</summary>
    public long Burst { get; init; } = 2_000_000;

    /// <summary>How fast a peer's budget refills, in units per second; 200,000 by default.</summary>
    public long PerSecond { get; init; } = 200_000;

    /// <summary>Checks that every value is usable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Burst, nameof(Burst));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(PerSecond, nameof(PerSecond));
    }
}
