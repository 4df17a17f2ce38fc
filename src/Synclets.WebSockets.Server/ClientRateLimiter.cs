namespace Synclets.WebSockets.Server;

/// <summary>
/// Holds one client to its packet and byte rates (<see cref="WsServerOptions.MaxPacketsPerSecondPerClient"/>,
/// <see cref="WsServerOptions.MaxBytesPerSecondPerClient"/> and their bursts), and tells when it has
/// been over them for too long (<see cref="WsServerOptions.MaxTimeOverRateLimit"/>).
/// Not thread-safe: used only by the client's receive loop.
/// </summary>
internal sealed class ClientRateLimiter
{
    /// <summary>
    /// How long a client must send nothing over its limit for its time over it to start again from
    /// zero. A flooder drops packets many times a second, so this never ends its time; a client that
    /// burst past its limit once and then calmed down is forgiven.
    /// </summary>
    internal static readonly TimeSpan Forgiveness = TimeSpan.FromSeconds(1);

    private readonly TokenBucket _packets;
    private readonly TokenBucket _bytes;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _maxTimeOverLimit;
    private long? _overLimitSince;
    private long _lastOverLimit;

    public ClientRateLimiter(WsServerOptions options, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _packets = new TokenBucket(options.MaxPacketsPerSecondPerClient, options.PacketBurstPerClient, timeProvider);
        _bytes = new TokenBucket(options.MaxBytesPerSecondPerClient, options.ByteBurstPerClient, timeProvider);
        _maxTimeOverLimit = options.MaxTimeOverRateLimit;
    }

    /// <summary>Decides about one packet of <paramref name="bytes"/> bytes that has just arrived.</summary>
    public RateDecision Admit(long bytes)
    {
        var now = _timeProvider.GetTimestamp();
        _packets.Refill(now);
        _bytes.Refill(now);
        if (_packets.Holds(1) && _bytes.Holds(bytes))
        {
            _packets.Take(1);
            _bytes.Take(bytes);
            return RateDecision.Accepted;
        }

        if (_overLimitSince is not { } since || _timeProvider.GetElapsedTime(_lastOverLimit, now) >= Forgiveness)
        {
            _overLimitSince = since = now;
        }

        _lastOverLimit = now;
        return _timeProvider.GetElapsedTime(since, now) >= _maxTimeOverLimit ? RateDecision.Flooding : RateDecision.Dropped;
    }
}

/// <summary>What <see cref="ClientRateLimiter.Admit"/> decided about a packet.</summary>
internal enum RateDecision
{
    /// <summary>Within the client's limits: relay it.</summary>
    Accepted,

    /// <summary>Over a limit: drop it and count it.</summary>
    Dropped,

    /// <summary>Over a limit, and for longer than allowed: drop it and disconnect the client.</summary>
    Flooding,
}
