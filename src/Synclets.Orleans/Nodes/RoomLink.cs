using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Synclets.Orleans.Grains;
using Synclets.WebSockets.Server.Backplane;

namespace Synclets.Orleans.Nodes;

/// <summary>
/// One room of a node, linked to the room's grain: what happens in the room here (joins, leaves,
/// packets for members elsewhere) is queued in order and pushed by one call at a time, so the grain
/// takes each sender's packets in the order they were sent; with nothing to push, a heartbeat.
/// </summary>
internal sealed class RoomLink : IRoomBackplaneLink
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);
    private readonly OrleansRoomBackplane _backplane;
    private readonly IRoomGrain _grain;
    private readonly IRoomBackplaneReceiver _room;
    private readonly SyncletClusterOptions _options;
    private readonly Lock _lock = new();
    private readonly List<RoomEntry> _pending = [];
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _abort = new();
    private readonly Task _pumping;
    private TaskCompletionSource _pushed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _pendingBytes;
    private long _entriesQueued;
    private long _entriesPushed;
    private bool _closed;
    private bool _grainNeedsMembers = true;

    public RoomLink(OrleansRoomBackplane backplane, IRoomGrain grain, string roomId, IRoomBackplaneReceiver room, Task previous)
    {
        _backplane = backplane;
        _grain = grain;
        _room = room;
        _options = backplane.Options;
        RoomId = roomId;
        _pumping = Task.Run(() => PumpAsync(previous));
    }

    public string RoomId { get; }

    public void MemberJoined(string memberId)
    {
        lock (_lock)
        {
            _members.Add(memberId);
            Queue(new RoomEntry(RoomEntryKind.Joined, memberId));
        }

        _wake.Writer.TryWrite(true);
    }

    public void MemberLeft(string memberId)
    {
        lock (_lock)
        {
            _members.Remove(memberId);
            Queue(new RoomEntry(RoomEntryKind.Left, memberId));
        }

        _wake.Writer.TryWrite(true);
    }

    public void Send(string from, string to, ReadOnlyMemory<byte> packet, bool isText)
    {
        lock (_lock)
        {
            if (_pendingBytes + packet.Length > _options.MaxQueuedBytesPerRoom)
            {
                _room.CountDropped(1);
                if (_backplane.Warnings.ShouldLog("packets dropped because the room's grain fell behind", RoomId))
                {
                    _backplane.Logger.LogWarning("Room '{RoomId}': dropped a packet from {Sender}: {MaxBytes} bytes are already waiting for the room's grain", RoomId, from, _options.MaxQueuedBytesPerRoom);
                }

                return;
            }

            _pendingBytes += packet.Length;
            Queue(new RoomEntry(RoomEntryKind.Packet, from, new RoomPacket(to, packet.ToArray(), isText)));
        }

        _wake.Writer.TryWrite(true);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Waits at most the push timeout: a grain that is slow to take pushes must not hold clients at
    /// the door. Every waiter shares one signal per push, so clients knocking while the grain is
    /// unreachable cost nothing that lasts.
    /// </remarks>
    public async Task WhenPassedOnAsync()
    {
        long through;
        lock (_lock)
        {
            through = _entriesQueued;
        }

        using var timeout = new CancellationTokenSource(_options.PushTimeout);
        while (true)
        {
            Task nextPush;
            lock (_lock)
            {
                if (_entriesPushed >= through)
                {
                    return;
                }

                nextPush = _pushed.Task;
            }

            await nextPush.WaitAsync(timeout.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (timeout.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Makes the next push, at once, carry this node's whole member list (the room's grain may have moved).</summary>
    public void AnnounceAgain()
    {
        lock (_lock)
        {
            _grainNeedsMembers = true;
        }

        _wake.Writer.TryWrite(true);
    }

    /// <summary>Hands packets the grain delivered to this node's members of the room.</summary>
    public void DeliverHere(RoomPacket[] packets)
    {
        foreach (var packet in packets)
        {
            _room.Deliver(packet.To, packet.Bytes, packet.IsText);
        }
    }

    /// <summary>Pushes what is still queued, then leaves the grain; gives up after twice the push timeout.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
        }

        _backplane.Closing(this, _pumping);
        _wake.Writer.TryWrite(true);
        try
        {
            await _pumping.WaitAsync(_options.PushTimeout * 2).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _abort.CancelAsync().ConfigureAwait(false);
            await _pumping.ConfigureAwait(false);
        }
        finally
        {
            _abort.Dispose();
        }
    }

    private async Task PumpAsync(Task previous)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var lastPush = long.MinValue;
        try
        {
            while (true)
            {
                var (push, closing) = Take(heartbeatDue: lastPush == long.MinValue
                    || TimeProvider.System.GetElapsedTime(lastPush) >= _options.HeartbeatInterval);
                if (push is not null)
                {
                    await PushAsync(push).ConfigureAwait(false);
                    lastPush = TimeProvider.System.GetTimestamp();
                    continue;
                }

                if (closing)
                {
                    break;
                }

                await WaitAsync().ConfigureAwait(false);
            }

            using var leaving = new CancellationTokenSource(_options.PushTimeout);
            await _grain.LeaveAsync(_backplane.NodeId).WaitAsync(leaving.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Given up while closing: the grain forgets this node when its heartbeats stop.
        }
        catch (Exception exception)
        {
            _backplane.Logger.LogDebug(exception, "Room '{RoomId}': could not leave the room's grain; it forgets this node when its heartbeats stop", RoomId);
        }
    }

    /// <summary>The next push (null when there is nothing to say), and whether the link is closing with nothing left.</summary>
    private (RoomPush? Push, bool Closing) Take(bool heartbeatDue)
    {
        lock (_lock)
        {
            if (_pending.Count == 0 && !_grainNeedsMembers && !(heartbeatDue && !_closed))
            {
                return (null, _closed);
            }

            var count = Math.Min(_pending.Count, _options.MaxEntriesPerPush);
            var entries = _pending.GetRange(0, count).ToArray();
            _pending.RemoveRange(0, count);
            foreach (var entry in entries)
            {
                _pendingBytes -= entry.Packet?.Bytes.Length ?? 0;
            }

            return (new RoomPush(_backplane.NodeId, _backplane.Reference, MembersIfNeeded(), entries), false);
        }
    }

    /// <summary>Queues an entry; callers hold the lock.</summary>
    private void Queue(RoomEntry entry)
    {
        _pending.Add(entry);
        _entriesQueued++;
    }

    private string[]? MembersIfNeeded() => _grainNeedsMembers ? [.. _members] : null;

    /// <summary>Pushes until the grain takes it: a grain that moved, or a call that timed out, is tried again with the member list.</summary>
    private async Task PushAsync(RoomPush push)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
            timeout.CancelAfter(_options.PushTimeout);
            try
            {
                var receipt = await _grain.PushAsync(push, timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
                if (receipt.Undeliverable > 0)
                {
                    _room.CountDropped(receipt.Undeliverable);
                }

                lock (_lock)
                {
                    _grainNeedsMembers = !receipt.KnowsNode;
                    _entriesPushed += push.Entries.Length;
                    var pushed = _pushed;
                    _pushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    pushed.TrySetResult();
                }

                return;
            }
            catch (Exception exception) when (!_abort.IsCancellationRequested)
            {
                if (_backplane.Warnings.ShouldLog("pushes the room's grain did not take", RoomId))
                {
                    _backplane.Logger.LogWarning("Room '{RoomId}': the room's grain did not take a push ({Reason}); trying again", RoomId, exception.Message);
                }
            }

            await Task.Delay(delay, _abort.Token).ConfigureAwait(false);
            delay = delay * 2 > MaxRetryDelay ? MaxRetryDelay : delay * 2;
            lock (_lock)
            {
                _grainNeedsMembers = true;
                push = push with { Members = MembersIfNeeded() };
            }
        }
    }

    private async Task WaitAsync()
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        wait.CancelAfter(_options.HeartbeatInterval);
        try
        {
            await _wake.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!_abort.IsCancellationRequested)
        {
            // Time for a heartbeat.
        }
    }
}
