using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Synclets.Engine;

/// <summary>
/// Received messages waiting their turn, one first-in-first-out queue per sender, served round-robin:
/// a peer that floods delays its own messages, not everyone's. Bounded in count and in bytes; when
/// full, the sender holding the most bytes loses its oldest message, so a flood cannot push an honest
/// peer's messages out (whatever a dropped message carried, the next sync repairs). A message whose
/// bytes equal one the same sender still has waiting is not queued again: the one waiting is answered
/// with a state at least as new. Not thread-safe: the <see cref="OperationQueue"/> guards it.
/// </summary>
/// <remarks>
/// Every received message passes through here, so the common case allocates nothing: a sender's
/// queue is kept while it is idle (until there are many idle ones), and nothing is hashed unless a
/// second message of the same sender is waiting.
/// </remarks>
internal sealed class ReceivedLane(int maxMessages, long maxBytes)
{
    /// <summary>How many senders' queues are kept before the idle ones are let go.</summary>
    private const int KeepIdleSendersUpTo = 1_024;

    private readonly Dictionary<(object Channel, string Peer), SenderQueue> _senders = [];
    private readonly LinkedList<SenderQueue> _turns = new();
    private int _count;
    private long _bytes;

    /// <summary>How many messages wait.</summary>
    public int Count => _count;

    /// <summary>
    /// Queues <paramref name="operation"/> from <paramref name="sender"/>, making room if needed,
    /// unless the sender already has the same <paramref name="payload"/> waiting.
    /// </summary>
    public Admission Add((object Channel, string Peer) sender, IQueuedOperation operation, ReadOnlyMemory<byte> payload)
    {
        var queue = QueueOf(sender);
        if (queue.Count > 0 && queue.Holds(payload))
        {
            return new Admission(0, Repeated: true);
        }

        var bytes = payload.Length;
        var dropped = 0;
        while (_count + 1 > maxMessages || _bytes + bytes > maxBytes)
        {
            var largest = Largest();
            if (largest is null || largest == queue || largest.Bytes <= queue.Bytes)
            {
                return new Admission(dropped + 1, Repeated: false); // the newcomer's sender holds most: its message goes
            }

            Forget(largest.Dequeue());
            RetireIfEmpty(largest);
            dropped++;
        }

        if (queue.Count == 0)
        {
            _turns.AddLast(queue.Turn);
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
        Forget((operation, bytes));
        _turns.RemoveFirst();
        if (queue.Count > 0)
        {
            _turns.AddLast(turn);
        }

        return operation;
    }

    private SenderQueue QueueOf((object Channel, string Peer) sender)
    {
        if (_senders.TryGetValue(sender, out var queue))
        {
            return queue;
        }

        if (_senders.Count >= KeepIdleSendersUpTo)
        {
            foreach (var (key, idle) in _senders)
            {
                if (idle.Count == 0)
                {
                    _senders.Remove(key);
                }
            }
        }

        _senders.Add(sender, queue = new SenderQueue());
        return queue;
    }

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

    private void Forget((IQueuedOperation Operation, int Bytes) message)
    {
        _count--;
        _bytes -= message.Bytes;
    }

    private void RetireIfEmpty(SenderQueue queue)
    {
        if (queue.Count == 0)
        {
            _turns.Remove(queue.Turn);
        }
    }

    /// <summary>One sender's waiting messages, oldest first.</summary>
    private sealed class SenderQueue
    {
        private readonly Queue<Waiting> _messages = new();

        // Fingerprints of the waiting messages, made only once a second message waits: most
        // senders never have two, and then nothing is hashed.
        private Dictionary<UInt128, int>? _fingerprints;

        public SenderQueue() => Turn = new LinkedListNode<SenderQueue>(this);

        /// <summary>This queue's place in the round of turns, made once and reused.</summary>
        public LinkedListNode<SenderQueue> Turn { get; }

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
                    Remember(Fingerprint(message.Payload.Span));
                }
            }

            return _fingerprints.ContainsKey(Fingerprint(payload.Span));
        }

        public void Enqueue(IQueuedOperation operation, ReadOnlyMemory<byte> payload)
        {
            UInt128? fingerprint = null;
            if (_fingerprints is not null)
            {
                Remember((fingerprint = Fingerprint(payload.Span)).Value);
            }

            _messages.Enqueue(new Waiting(operation, payload, fingerprint));
            Bytes += payload.Length;
        }

        public (IQueuedOperation Operation, int Bytes) Dequeue()
        {
            var first = _messages.Dequeue();
            Bytes -= first.Payload.Length;
            if (_fingerprints is not null)
            {
                var fingerprint = first.Fingerprint ?? Fingerprint(first.Payload.Span);
                if (--_fingerprints[fingerprint] == 0)
                {
                    _fingerprints.Remove(fingerprint);
                }

                if (_messages.Count == 0)
                {
                    _fingerprints = null; // hashing starts again only when two wait at once
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

        /// <summary>A waiting message, with its fingerprint when it was taken on arrival.</summary>
        private readonly record struct Waiting(IQueuedOperation Operation, ReadOnlyMemory<byte> Payload, UInt128? Fingerprint);
    }
}

/// <summary>What became of a received message offered to a <see cref="ReceivedLane"/>.</summary>
/// <param name="Dropped">How many messages were dropped to stay within bounds (possibly this one).</param>
/// <param name="Repeated">Whether it was not queued because the same bytes from the same sender were waiting.</param>
internal readonly record struct Admission(int Dropped, bool Repeated);
