using Synclets.Hashing;

namespace Synclets.Clocks;

/// <summary>
/// Issues 16-character hybrid-logical-clock timestamps whose ordinal order is causal order:
/// 7 characters of milliseconds since the Unix epoch, 4 of counter, 5 of client id — the same
/// strings the TypeScript Synclets produce.
/// </summary>
/// <remarks>Not thread-safe: a synclet uses its clock from its serialized operation queue.</remarks>
public sealed class HybridLogicalClock
{
    /// <summary>The length of every timestamp.</summary>
    public const int TimestampLength = 16;

    /// <summary>The largest logical time a timestamp can hold (42 bits of milliseconds).</summary>
    public const long MaxLogicalTime = (1L << 42) - 1;

    /// <summary>The largest counter a timestamp can hold (24 bits).</summary>
    public const int MaxCounter = (1 << 24) - 1;

    private const int LogicalTimeLength = 7;
    private const int CounterLength = 4;
    private const int ClientIdLength = 5;

    private readonly TimeProvider _timeProvider;
    private long _lastLogicalTime;
    private int _lastCounter = -1;

    /// <summary>Creates a clock for the synclet <paramref name="syncletId"/>.</summary>
    public HybridLogicalClock(string syncletId, TimeProvider? timeProvider = null)
    {
        ClientId = GetClientId(syncletId);
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The 5-character client id: the low 30 bits of the FNV-1a hash of the synclet id.</summary>
    public string ClientId { get; }

    /// <summary>The client id that <paramref name="syncletId"/> puts in its timestamps.</summary>
    public static string GetClientId(string syncletId)
    {
        Span<char> chars = stackalloc char[ClientIdLength];
        TimestampAlphabet.Encode(Fnv1a.Hash(syncletId) & ((1 << 30) - 1), chars);
        return new string(chars);
    }

    /// <summary>Whether <paramref name="timestamp"/> was issued by a clock with this clock's client id (its last characters).</summary>
    public bool IsOwn(string timestamp) =>
        timestamp is { Length: TimestampLength } && timestamp.AsSpan(TimestampLength - ClientIdLength).SequenceEqual(ClientId);

    /// <summary>A new timestamp, later than every timestamp issued or seen so far.</summary>
    public string Next()
    {
        Observe(0, 0);
        if (_lastCounter == MaxCounter)
        {
            if (_lastLogicalTime == MaxLogicalTime)
            {
                throw new InvalidOperationException(
                    "The clock has issued its last possible timestamp; a timestamp far in the future was probably received from a peer.");
            }

            // The counter is full: borrow the next millisecond rather than wrap around.
            _lastLogicalTime++;
            _lastCounter = -1;
        }

        return Encode(_lastLogicalTime, ++_lastCounter, ClientId);
    }

    /// <summary>
    /// Moves the clock past a timestamp received from a peer, so later local timestamps sort after
    /// it. The empty string (never written) and malformed timestamps only advance to now.
    /// </summary>
    public void Seen(string remoteTimestamp)
    {
        if (TryDecode(remoteTimestamp, out var remoteLogicalTime, out var remoteCounter))
        {
            Observe(remoteLogicalTime, remoteCounter);
        }
        else
        {
            Observe(0, 0);
        }
    }

    /// <summary>
    /// Whether <paramref name="timestamp"/> lies more than <paramref name="maxSkew"/> ahead of the
    /// wall clock. Applying such a timestamp would drag this clock (and every later local write)
    /// into the future, so it is refused instead.
    /// </summary>
    public bool IsTooFarAhead(string timestamp, TimeSpan maxSkew) => AheadOfNow(timestamp) > maxSkew;

    /// <summary>How far <paramref name="timestamp"/> lies ahead of the wall clock now: negative when behind, zero when malformed.</summary>
    public TimeSpan AheadOfNow(string timestamp) =>
        TryDecode(timestamp, out var logicalTime, out _)
            ? TimeSpan.FromMilliseconds(logicalTime - _timeProvider.GetUtcNow().ToUnixTimeMilliseconds())
            : TimeSpan.Zero;

    /// <summary>Encodes the three parts of a timestamp.</summary>
    public static string Encode(long logicalTime, int counter, string clientId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(logicalTime);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(logicalTime, MaxLogicalTime);
        ArgumentOutOfRangeException.ThrowIfNegative(counter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(counter, MaxCounter);
        ArgumentNullException.ThrowIfNull(clientId);
        if (clientId.Length != ClientIdLength)
        {
            throw new ArgumentException($"A client id has {ClientIdLength} characters; '{clientId}' has {clientId.Length}.", nameof(clientId));
        }

        return string.Create(TimestampLength, (logicalTime, counter, clientId), static (chars, state) =>
        {
            TimestampAlphabet.Encode(state.logicalTime, chars[..LogicalTimeLength]);
            TimestampAlphabet.Encode(state.counter, chars.Slice(LogicalTimeLength, CounterLength));
            state.clientId.CopyTo(chars[(LogicalTimeLength + CounterLength)..]);
        });
    }

    /// <summary>Decodes a timestamp into its logical time and counter; false if it is not a valid timestamp.</summary>
    public static bool TryDecode(string timestamp, out long logicalTime, out int counter)
    {
        counter = 0;
        logicalTime = 0;
        if (timestamp is null || timestamp.Length != TimestampLength
            || !TimestampAlphabet.TryDecode(timestamp.AsSpan(0, LogicalTimeLength), out logicalTime)
            || !TimestampAlphabet.TryDecode(timestamp.AsSpan(LogicalTimeLength, CounterLength), out var counterValue)
            || !TimestampAlphabet.TryDecode(timestamp.AsSpan(LogicalTimeLength + CounterLength), out _))
        {
            return false;
        }

        counter = (int)counterValue;
        return true;
    }

    private void Observe(long remoteLogicalTime, int remoteCounter)
    {
        var previousLogicalTime = _lastLogicalTime;
        var now = Math.Clamp(_timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), 0, MaxLogicalTime);
        _lastLogicalTime = Math.Max(Math.Max(previousLogicalTime, remoteLogicalTime), now);
        if (_lastLogicalTime == previousLogicalTime)
        {
            if (_lastLogicalTime == remoteLogicalTime)
            {
                _lastCounter = Math.Max(_lastCounter, remoteCounter);
            }
        }
        else
        {
            _lastCounter = _lastLogicalTime == remoteLogicalTime ? remoteCounter : -1;
        }
    }
}
