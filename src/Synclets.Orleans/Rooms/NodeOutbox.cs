using Synclets.Orleans.Grains;

namespace Synclets.Orleans.Rooms;

/// <summary>
/// Packets on their way from a room's grain to one node: queued in order and delivered by one call at
/// a time, so each sender's packets reach the node in the order the grain took them. Bounded: a node
/// that cannot keep up, or cannot be reached, is given up (see <see cref="RoomRoutes"/>).
/// </summary>
internal sealed class NodeOutbox(string roomId, IRoomNode node, SyncletClusterOptions options, Action<NodeOutbox, Exception> failed)
{
    private readonly Queue<RoomPacket> _queue = new();
    private readonly Lock _lock = new();
    private long _queuedBytes;
    private bool _sending;
    private bool _closed;

    /// <summary>The node's observer; a node's later push may bring a fresh reference.</summary>
    public IRoomNode Node { get; set; } = node;

    /// <summary>Queues a packet; false when the backlog is full or the outbox closed.</summary>
    public bool TryEnqueue(RoomPacket packet)
    {
        lock (_lock)
        {
            if (_closed || _queuedBytes + packet.Bytes.Length > options.MaxQueuedBytesPerRoom)
            {
                return false;
            }

            _queue.Enqueue(packet);
            _queuedBytes += packet.Bytes.Length;
            if (_sending)
            {
                return true;
            }

            _sending = true;
        }

        // Off the grain's turn: the grain keeps taking pushes while deliveries are on their way.
        _ = Task.Run(SendAsync);
        return true;
    }

    /// <summary>Stops delivering; what is queued is dropped.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            _queue.Clear();
            _queuedBytes = 0;
        }
    }

    private async Task SendAsync()
    {
        while (true)
        {
            RoomPacket[] batch;
            IRoomNode target;
            lock (_lock)
            {
                if (_closed || _queue.Count == 0)
                {
                    _sending = false;
                    return;
                }

                batch = new RoomPacket[Math.Min(_queue.Count, options.MaxEntriesPerPush)];
                for (var i = 0; i < batch.Length; i++)
                {
                    batch[i] = _queue.Dequeue();
                    _queuedBytes -= batch[i].Bytes.Length;
                }

                target = Node;
            }

            try
            {
                await target.DeliverAsync(roomId, batch).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                Close();
                lock (_lock)
                {
                    _sending = false;
                }

                failed(this, exception);
                return;
            }
        }
    }
}
