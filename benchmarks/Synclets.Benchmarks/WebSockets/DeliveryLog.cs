using System.Diagnostics;

namespace Synclets.Benchmarks.WebSockets;

/// <summary>
/// When each atom of a load run was written, and how long it took to reach each receiver. Writers
/// and receivers only touch preallocated arrays, so recording costs a timestamp and a store.
/// </summary>
internal sealed class DeliveryLog
{
    private readonly long[] _writtenAt;
    private readonly Receiver[] _receivers;
    private readonly TaskCompletionSource _allDelivered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _receiversWaiting;

    /// <param name="clients">How many synclets write and receive.</param>
    /// <param name="atomsPerClient">How many atoms each writes; every other client receives them all.</param>
    public DeliveryLog(int clients, int atomsPerClient)
    {
        _writtenAt = new long[clients * atomsPerClient];
        var expectedPerReceiver = (clients - 1) * atomsPerClient;
        _receivers = new Receiver[clients];
        for (var client = 0; client < clients; client++)
        {
            _receivers[client] = new Receiver(this, expectedPerReceiver);
        }

        _receiversWaiting = clients;
        ExpectedDeliveries = (long)clients * expectedPerReceiver;
    }

    /// <summary>Every client holds every other client's atoms.</summary>
    public Task AllDelivered => _allDelivered.Task;

    public long ExpectedDeliveries { get; }

    public long Delivered => _receivers.Sum(receiver => (long)receiver.Count);

    public int ReceiversComplete => _receivers.Count(receiver => receiver.IsComplete);

    public int DeliveredTo(int client) => _receivers[client].Count;

    /// <summary>Remote changes beyond the expected ones (a resync after a reconnection, say); none in a clean run.</summary>
    public long Unexpected => _receivers.Sum(receiver => receiver.Unexpected);

    /// <summary>Call just before the write of atom <paramref name="atom"/> starts.</summary>
    public void RecordWrite(int atom) => _writtenAt[atom] = Stopwatch.GetTimestamp();

    /// <summary>Records the remote changes <paramref name="synclet"/> (client <paramref name="client"/>) stores.</summary>
    public void Listen(Synclet synclet, int client) => synclet.AtomChanged += _receivers[client].OnAtomChanged;

    /// <summary>Every delivery's latency in Stopwatch ticks, sorted ascending.</summary>
    public long[] SortedLatencies()
    {
        var counts = _receivers.Select(receiver => receiver.Count).ToArray();
        var all = new long[counts.Sum()];
        var next = 0;
        for (var client = 0; client < _receivers.Length; client++)
        {
            _receivers[client].CopyLatencies(all.AsSpan(next, counts[client]));
            next += counts[client];
        }

        Array.Sort(all);
        return all;
    }

    private void ReceiverCompleted()
    {
        if (Interlocked.Decrement(ref _receiversWaiting) == 0)
        {
            _allDelivered.TrySetResult();
        }
    }

    /// <summary>One client's view: its handler runs on its synclet's queue, one change at a time.</summary>
    private sealed class Receiver(DeliveryLog log, int expected)
    {
        private readonly long[] _latencies = new long[expected];
        private int _count;
        private long _unexpected;

        public int Count => Volatile.Read(ref _count);

        public bool IsComplete => Count == _latencies.Length;

        public long Unexpected => Interlocked.Read(ref _unexpected);

        public void OnAtomChanged(object? sender, AtomChangedEventArgs change)
        {
            var arrivedAt = Stopwatch.GetTimestamp();
            if (change.Origin != ChangeOrigin.Remote)
            {
                return;
            }

            // The value is the atom's index, so finding its write time needs no parsing.
            var count = _count;
            if (count == _latencies.Length || change.NewAtom is not { } atom)
            {
                Interlocked.Increment(ref _unexpected);
                return;
            }

            _latencies[count] = arrivedAt - log._writtenAt[atom.AsInteger()];
            Volatile.Write(ref _count, count + 1);
            if (count + 1 == _latencies.Length)
            {
                log.ReceiverCompleted();
            }
        }

        public void CopyLatencies(Span<long> destination) => _latencies.AsSpan(0, destination.Length).CopyTo(destination);
    }
}
