using Synclets.Transports;

namespace Synclets.Wire;

/// <summary>
/// Reassembles packets into whole message payloads with bounded memory: limits on message size,
/// on incomplete messages and their bytes per sender, per assembler and in the whole process, and on
/// how long a message may wait for its next fragment. Fragments are keyed by (peer, message id).
/// Thread-safe.
/// </summary>
public sealed class PacketAssembler
{
    private static readonly TimeSpan s_maxSweepInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly TransportOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _sweepInterval;
    private readonly Dictionary<(string Peer, string MessageId), PendingMessage> _pending = [];
    private readonly Dictionary<string, (int Messages, long Bytes)> _pendingPerSender = new(StringComparer.Ordinal);

    // The bytes held by every assembler of the process: one process may serve many rooms, each with its own transports.
    private static long s_processPendingBytes;

    // Messages released for growing too large, so their later fragments are refused rather than
    // starting over. Bounded like pending messages, and forgotten after the same idle timeout.
    private readonly Dictionary<(string Peer, string MessageId), long> _tooLarge = [];

    private long _pendingBytes;
    private long _lastSweep;
    private int _expiredPackets;

    /// <summary>Creates an assembler enforcing the limits of <paramref name="options"/>.</summary>
    /// <param name="options">The limits (<see cref="TransportOptions.MaxMessageBytes"/> and the others).</param>
    /// <param name="timeProvider">The clock for <see cref="TransportOptions.ReassemblyTimeout"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit in <paramref name="options"/> is not usable.</exception>
    public PacketAssembler(TransportOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _options = options;
        _timeProvider = timeProvider;
        _sweepInterval = options.ReassemblyTimeout < s_maxSweepInterval ? options.ReassemblyTimeout : s_maxSweepInterval;
        _lastSweep = timeProvider.GetTimestamp();
    }

    /// <summary>Gives back to the process what an assembler that was never cleared still held.</summary>
    ~PacketAssembler() => Interlocked.Add(ref s_processPendingBytes, -_pendingBytes);

    /// <summary>
    /// How many bytes the partly received messages of every assembler in the process may hold
    /// together; 1 GiB by default. Set it at start-up, before transports start.
    /// </summary>
    public static long MaxPendingBytesPerProcess { get; set; } = 1024L * 1024 * 1024;

    /// <summary>The bytes held in fragments of partly received messages by every assembler of the process.</summary>
    public static long ProcessPendingBytes => Interlocked.Read(ref s_processPendingBytes);

    /// <summary>How many messages are partly received.</summary>
    public int PendingMessageCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>The bytes held in fragments of partly received messages.</summary>
    public long PendingBytes
    {
        get
        {
            lock (_gate)
            {
                return _pendingBytes;
            }
        }
    }

    /// <summary>
    /// Adds a received packet. A message of one fragment completes at once, without buffering;
    /// otherwise the fragment is copied and kept until its message completes, grows too large, or
    /// times out. Never throws for hostile values: they are dropped with a reason.
    /// </summary>
    /// <param name="packet">A parsed packet whose peer is the sender.</param>
    /// <exception cref="ArgumentException">The packet's peer or message id is null (a default packet).</exception>
    public AssemblyResult Add(in Packet packet)
    {
        if (packet.Peer is null || packet.MessageId is null)
        {
            throw new ArgumentException("The packet has no peer or message id; was it default-constructed?", nameof(packet));
        }

        // Each fragment carries at least one byte, so a total above the size limit cannot be met.
        if (packet.Total < 1 || packet.Total > _options.MaxMessageBytes)
        {
            return AssemblyResult.Dropped(packet, AssemblyDropReason.AbsurdTotal);
        }

        if (packet.Index < 0 || packet.Index >= packet.Total)
        {
            return AssemblyResult.Dropped(packet, AssemblyDropReason.IndexOutOfRange);
        }

        var length = packet.Fragment.Length;
        lock (_gate)
        {
            var now = _timeProvider.GetTimestamp();
            if (_timeProvider.GetElapsedTime(_lastSweep, now) >= _sweepInterval)
            {
                Sweep(now);
            }

            var key = (packet.Peer, packet.MessageId);
            if (_tooLarge.Count > 0 && _tooLarge.ContainsKey(key))
            {
                _tooLarge[key] = now;
                return AssemblyResult.Dropped(packet, AssemblyDropReason.MessageTooLarge);
            }

            if (!_pending.TryGetValue(key, out var message))
            {
                if (length > _options.MaxMessageBytes)
                {
                    if (packet.Total > 1)
                    {
                        RememberTooLarge(key, now);
                    }

                    return AssemblyResult.Dropped(packet, AssemblyDropReason.MessageTooLarge);
                }

                if (packet.Total == 1)
                {
                    return AssemblyResult.Completed(packet, packet.Fragment);
                }

                if (length == 0)
                {
                    return AssemblyResult.Dropped(packet, AssemblyDropReason.EmptyFragment);
                }

                _pendingPerSender.TryGetValue(packet.Peer, out var sender);
                if (sender.Messages >= _options.MaxPendingMessagesPerSender)
                {
                    return AssemblyResult.Dropped(packet, AssemblyDropReason.TooManyPendingForSender);
                }

                if (_pending.Count >= _options.MaxPendingMessages)
                {
                    return AssemblyResult.Dropped(packet, AssemblyDropReason.TooManyPending);
                }

                message = new PendingMessage(packet.Total);
                _pending.Add(key, message);
                _pendingPerSender[packet.Peer] = (sender.Messages + 1, sender.Bytes);
            }
            else
            {
                if (packet.Total != message.Total)
                {
                    return AssemblyResult.Dropped(packet, AssemblyDropReason.TotalMismatch);
                }

                if (message.Fragments.ContainsKey(packet.Index))
                {
                    return AssemblyResult.Dropped(packet, AssemblyDropReason.DuplicateFragment);
                }

                if (length == 0)
                {
                    return AssemblyResult.Dropped(packet, AssemblyDropReason.EmptyFragment);
                }

                if (message.Bytes + length > _options.MaxMessageBytes)
                {
                    Release(key, message);
                    RememberTooLarge(key, now);
                    return AssemblyResult.Dropped(packet, AssemblyDropReason.MessageTooLarge);
                }
            }

            var refusal = _pendingBytes + length > _options.MaxPendingBytes ? AssemblyDropReason.TooManyPendingBytes
                : _pendingPerSender[packet.Peer].Bytes + length > _options.MaxPendingBytesPerSender ? AssemblyDropReason.TooManyPendingBytesForSender
                : !TryReserveInProcess(length) ? AssemblyDropReason.TooManyPendingBytesInProcess
                : AssemblyDropReason.None;
            if (refusal != AssemblyDropReason.None)
            {
                // Refuse the fragment but keep what the message has: its sender may retry later.
                if (message.Fragments.Count == 0)
                {
                    Release(key, message);
                }

                return AssemblyResult.Dropped(packet, refusal);
            }

            message.Fragments.Add(packet.Index, packet.Fragment.ToArray());
            message.Bytes += length;
            message.LastActivity = now;
            _pendingBytes += length;
            var held = _pendingPerSender[packet.Peer];
            _pendingPerSender[packet.Peer] = (held.Messages, held.Bytes + length);
            if (message.Fragments.Count < message.Total)
            {
                return AssemblyResult.Pending(packet);
            }

            Release(key, message);
            return AssemblyResult.Completed(packet, message.Assemble());
        }
    }

    /// <summary>Releases every message that waited longer than the reassembly timeout for a fragment.</summary>
    /// <returns>How many messages were released.</returns>
    /// <remarks><see cref="Add"/> also does this, at most about once a second.</remarks>
    public int RemoveExpired()
    {
        lock (_gate)
        {
            return Sweep(_timeProvider.GetTimestamp());
        }
    }

    /// <summary>
    /// How many fragments were released with timed-out messages since the last call (for counting
    /// them as dropped packets), and resets the count.
    /// </summary>
    public int TakeExpiredPacketCount()
    {
        lock (_gate)
        {
            var count = _expiredPackets;
            _expiredPackets = 0;
            return count;
        }
    }

    /// <summary>Releases everything: pending messages and the memory of oversized ones.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _pending.Clear();
            _pendingPerSender.Clear();
            _tooLarge.Clear();
            Interlocked.Add(ref s_processPendingBytes, -_pendingBytes);
            _pendingBytes = 0;
        }
    }

    private int Sweep(long now)
    {
        _lastSweep = now;
        var released = 0;

        // Removing while enumerating a Dictionary is allowed (since .NET Core 3.0).
        foreach (var (key, message) in _pending)
        {
            if (_timeProvider.GetElapsedTime(message.LastActivity, now) > _options.ReassemblyTimeout)
            {
                _expiredPackets += message.Fragments.Count;
                Release(key, message);
                released++;
            }
        }

        foreach (var (key, lastSeen) in _tooLarge)
        {
            if (_timeProvider.GetElapsedTime(lastSeen, now) > _options.ReassemblyTimeout)
            {
                _tooLarge.Remove(key);
            }
        }

        return released;
    }

    private void Release((string Peer, string MessageId) key, PendingMessage message)
    {
        _pending.Remove(key);
        _pendingBytes -= message.Bytes;
        Interlocked.Add(ref s_processPendingBytes, -message.Bytes);
        var sender = _pendingPerSender[key.Peer];
        if (sender.Messages == 1)
        {
            _pendingPerSender.Remove(key.Peer);
        }
        else
        {
            _pendingPerSender[key.Peer] = (sender.Messages - 1, sender.Bytes - message.Bytes);
        }
    }

    private static bool TryReserveInProcess(int length)
    {
        if (Interlocked.Add(ref s_processPendingBytes, length) <= MaxPendingBytesPerProcess)
        {
            return true;
        }

        Interlocked.Add(ref s_processPendingBytes, -length);
        return false;
    }

    private void RememberTooLarge((string Peer, string MessageId) key, long now)
    {
        // When full, forget nothing and remember nothing new: the later fragments then start a
        // pending message that is bounded by the same limits anyway.
        if (_tooLarge.Count < _options.MaxPendingMessages)
        {
            _tooLarge[key] = now;
        }
    }

    /// <summary>The fragments received so far of one message, by index (never pre-sized by the claimed total).</summary>
    private sealed class PendingMessage(int total)
    {
        public int Total { get; } = total;

        public Dictionary<int, byte[]> Fragments { get; } = [];

        public long Bytes { get; set; }

        public long LastActivity { get; set; }

        public byte[] Assemble()
        {
            var payload = new byte[Bytes];
            var at = 0;
            for (var index = 0; index < Total; index++)
            {
                var fragment = Fragments[index];
                fragment.CopyTo(payload, at);
                at += fragment.Length;
            }

            return payload;
        }
    }
}
