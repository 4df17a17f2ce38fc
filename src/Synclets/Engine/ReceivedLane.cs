using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Synclets.Engine;

/// <summary>
/// Received messages waiting their turn, one first-in-first-out queue per sender, served round-robin:
/// a peer that floods delays its own messages, not everyone's. Bounded in count and in bytes; when
/// full, the sender holding the most bytes loses its oldest message, so a flood cannot push an honest
/// peer's messages out (whatever a dropped message carried, the next sync repairs). Not thread-safe: the <see cref="OperationQueue"/> guards it.
/// </summary>
internal sealed class ReceivedLane(int maxMessages, long maxBytes)
{
    private readonly Dictionary<object, SenderQueue> _senders = [];
    private readonly LinkedList<SenderQueue> _turns = new();
    private int _count;
    private long _bytes;

    /// <summary>How many messages wait.</summary>
    public int Count => _count;

    /// <summary>How many bytes the waiting messages hold.</summary>
    public long Bytes => _bytes;

    /// <summary>
    /// Queues <paramref name="operation"/> from <paramref name="sender"/>, making room if needed,
    /// unless the sender already has the same <paramref name="payload"/> waiting.
    /// </summary>
    public Admission Add(object sender, IQueuedOperation operation, ReadOnlyMemory<byte> payload)
    {
        if (_senders.TryGetValue(sender, out var waiting) && waiting.Holds(payload))
        {
            return new Admission(0, Repeated: true);
        }

        var bytes = payload.Length;
        var dropped = 0;
        while (_count + 1 > maxMessages || _bytes + bytes > maxBytes)
        {
            var largest = Largest();
            if (largest is null || largest.Sender.Equals(sender) || largest.Bytes <= BytesOf(sender))
            {
                return new Admission(dropped + 1, Repeated: false); // the newcomer's sender holds most: its message goes
            }

            Forget(largest.Dequeue().Bytes);
            RemoveIfEmpty(largest);
            dropped++;
        }

        if (!_senders.TryGetValue(sender, out var queue))
        {
            _senders.Add(sender, queue = new SenderQueue(sender));
            queue.Turn = _turns.AddLast(queue);
        }

        queue.Enqueue(operation, payload);
        _count++;
        _bytes += bytes;
        return new Admission(dropped, Repeated: false);
    }

    /// <summary>The next message in round-robin order, or null when none waits.</summary>
    public IQueuedOperation? Take()
    {
        if (_turns.First is not { } turn)
        {
            return null;
        }

        var queue = turn.Value;
        var (operation, bytes) = queue.Dequeue();
        Forget(bytes);
        _turns.RemoveFirst();
        if (queue.Count > 0)
        {
            _turns.AddLast(turn);
        }
        else
        {
            _senders.Remove(queue.Sender);
        }

        return operation;
    }

    private long BytesOf(object sender) => _senders.TryGetValue(sender, out var queue) ? queue.Bytes : 0;

    private SenderQueue? Largest()
    {
        SenderQueue? largest = null;
        foreach (var queue in _turns)
        {
            if (largest is null || queue.Bytes > largest.Bytes)
            {
                largest = queue;
            }
        }

        return largest;
    }

    private void Forget(int bytes)
    {
        _count--;
        _bytes -= bytes;
    }

    private void RemoveIfEmpty(SenderQueue queue)
    {
        if (queue.Count == 0)
        {
            _turns.Remove(queue.Turn!);
            _senders.Remove(queue.Sender);
        }
    }

    /// <summary>One sender's waiting messages, oldest first.</summary>
    private sealed class SenderQueue(object sender)
    {
        private readonly Queue<Waiting> _messages = new();

        // Fingerprints of the waiting messages, made only once a second message waits: most
        // senders never have two, and then nothing is hashed.
        private Dictionary<UInt128, int>? _fingerprints;

        public object Sender { get; } = sender;

        public LinkedListNode<SenderQueue>? Turn { get; set; }

        public long Bytes { get; private set; }

        public int Count => _messages.Count;

        /// <summary>Whether a message with exactly these bytes is waiting.</summary>
        public bool Holds(ReadOnlyMemory<byte> payload)
        {
            if (_fingerprints is null)
            {
                _fingerprints = [];
                foreach (var message in _messages)
                {
                    Remember(message.Fingerprint);
                }
            }

            return _fingerprints.ContainsKey(Fingerprint(payload.Span));
        }

        public void Enqueue(IQueuedOperation operation, ReadOnlyMemory<byte> payload)
        {
            var message = new Waiting(operation, payload);
            _messages.Enqueue(message);
            Bytes += payload.Length;
            if (_fingerprints is not null)
            {
                Remember(message.Fingerprint);
            }
        }

        public (IQueuedOperation Operation, int Bytes) Dequeue()
        {
            var first = _messages.Dequeue();
            Bytes -= first.Payload.Length;
            if (_fingerprints is not null)
            {
                var fingerprint = first.Fingerprint;
                if (--_fingerprints[fingerprint] == 0)
                {
                    _fingerprints.Remove(fingerprint);
                }
            }

            return (first.Operation, first.Payload.Length);
        }

        private void Remember(UInt128 fingerprint) =>
            _fingerprints![fingerprint] = _fingerprints.GetValueOrDefault(fingerprint) + 1;

        private static UInt128 Fingerprint(ReadOnlySpan<byte> payload)
        {
            // A cryptographic hash: a peer must not be able to make two different messages look alike.
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(payload, digest);
            return BinaryPrimitives.ReadUInt128LittleEndian(digest);
        }

        /// <summary>A waiting message; its fingerprint is computed on first use and kept.</summary>
        private sealed class Waiting(IQueuedOperation operation, ReadOnlyMemory<byte> payload)
        {
            private UInt128? _fingerprint;

            public IQueuedOperation Operation { get; } = operation;

            public ReadOnlyMemory<byte> Payload { get; } = payload;

            public UInt128 Fingerprint => _fingerprint ??= SenderQueue.Fingerprint(Payload.Span);
        }
    }
}

/// <summary>What became of a received message offered to a <see cref="ReceivedLane"/>.</summary>
/// <param name="Dropped">How many messages were dropped to stay within bounds (possibly this one).</param>
/// <param name="Repeated">Whether it was not queued because the same bytes from the same sender were waiting.</param>
internal readonly record struct Admission(int Dropped, bool Repeated);
