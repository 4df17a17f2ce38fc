namespace Synclets.Transports;

/// <summary>
/// Exponential backoff with jitter: each wait is between half and all of a doubling delay, capped,
/// so clients dropped together by a restarting server do not all come back at the same moment.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan minDelay, TimeSpan maxDelay)
{
    private int _failures;

    /// <summary>The wait before the next attempt; grows with every call until <see cref="Reset"/>.</summary>
    public TimeSpan NextDelay()
    {
        var doublings = Math.Min(_failures++, 30);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, minDelay.TotalMilliseconds * Math.Pow(2, doublings));
        return TimeSpan.FromMilliseconds(ceiling / 2 + (Random.Shared.NextDouble() * ceiling / 2));
    }

    /// <summary>Starts over after a successful connection.</summary>
    public void Reset() => _failures = 0;
}
