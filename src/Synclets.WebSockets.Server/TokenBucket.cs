namespace Synclets.WebSockets.Server;

/// <summary>
/// A token bucket: it holds up to <c>capacity</c> tokens, gains <c>tokensPerSecond</c> of them as
/// time passes, and each thing allowed through takes some. It starts full, so a burst of up to its
/// capacity passes at once, and after that the average rate is what it refills at.
/// Not thread-safe: each client's bucket is used only by its own receive loop.
/// </summary>
internal sealed class TokenBucket
{
    private readonly double _tokensPerSecond;
    private readonly double _capacity;
    private readonly TimeProvider _timeProvider;
    private double _tokens;
    private long _refilledAt;

    /// <summary>Creates a full bucket.</summary>
    /// <param name="tokensPerSecond">How fast it refills (may be <see cref="double.PositiveInfinity"/>).</param>
    /// <param name="capacity">How many tokens it holds at most: the largest burst.</param>
    /// <param name="timeProvider">The clock it refills by.</param>
    public TokenBucket(double tokensPerSecond, double capacity, TimeProvider timeProvider)
    {
        _tokensPerSecond = tokensPerSecond;
        _capacity = capacity;
        _timeProvider = timeProvider;
        _tokens = capacity;
        _refilledAt = timeProvider.GetTimestamp();
    }

    /// <summary>Adds what has been earned since the last refill, up to the capacity.</summary>
    /// <param name="now">A timestamp of the bucket's clock.</param>
    public void Refill(long now)
    {
        var elapsed = _timeProvider.GetElapsedTime(_refilledAt, now).TotalSeconds;

        // Zero elapsed times an infinite rate would be NaN; a clock that went back earns nothing.
        if (elapsed > 0)
        {
            _tokens = Math.Min(_capacity, _tokens + (elapsed * _tokensPerSecond));
            _refilledAt = now;
        }
    }

    /// <summary>Whether <paramref name="amount"/> tokens are there (after <see cref="Refill"/>).</summary>
    public bool Holds(double amount) => _tokens >= amount;

    /// <summary>Takes <paramref name="amount"/> tokens; call only after <see cref="Holds"/> said yes.</summary>
    public void Take(double amount) => _tokens -= amount;
}
