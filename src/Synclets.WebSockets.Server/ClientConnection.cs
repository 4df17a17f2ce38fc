using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Synclets.WebSockets.Framing;

namespace Synclets.WebSockets.Server;

/// <summary>
/// One WebSocket client of the server: a loop reading its packets into the room, held to the
/// client's rate limits, and a loop sending it what the room relays, through a bounded backlog
/// that also counts towards the server's total (<see cref="WsServerOptions.MaxQueuedBytes"/>).
/// </summary>
internal sealed class ClientConnection : IRoomMember
{
    private readonly WsServer _server;
    private readonly Room _room;
    private readonly Channel<OutgoingFrame> _outbox;
    private readonly CancellationTokenSource _closing = new();
    private readonly Lock _backlogLock = new();
    private long _queuedBytes;
    private long _framesReceived;
    private long _framesSent;
    private bool _backlogReleased;
    private int _closed;

    public ClientConnection(WsServer server, Room room, string id)
    {
        _server = server;
        _room = room;
        Id = id;
        ConnectedSince = server.TimeProvider.GetUtcNow();
        _outbox = Channel.CreateBounded<OutgoingFrame>(new BoundedChannelOptions(server.Options.MaxQueuedFramesPerClient)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public string Id { get; }

    public bool IsClient => true;

    public Room Room => _room;

    /// <summary>When the client was let in.</summary>
    public DateTimeOffset ConnectedSince { get; }

    /// <summary>What the client looks like now, for <see cref="WsServer.GetClients"/>.</summary>
    public WsClientInfo Info => new(Id, ConnectedSince, Interlocked.Read(ref _framesReceived), Interlocked.Read(ref _framesSent), QueuedBytes);

    /// <summary>
    /// Bytes of packets waiting to be sent to this client, as counted in the server's total: none
    /// once it is closing, so a client already let go is never chosen to make room again.
    /// </summary>
    public long QueuedBytes => Volatile.Read(ref _backlogReleased) ? 0 : Interlocked.Read(ref _queuedBytes);

    /// <summary>
    /// Queues a packet for the client. A client whose own backlog is full is disconnected; when the
    /// server's total is full, the client furthest behind is disconnected to make room (possibly this one).
    /// </summary>
    public void Deliver(OutgoingFrame frame)
    {
        // Each pass queues the frame, gives it up, or disconnects one client, so the loop ends.
        while (true)
        {
            switch (TryEnqueue(frame))
            {
                case EnqueueOutcome.BacklogFull:
                    _server.DisconnectSlow(this, "its backlog of unsent packets is full");
                    return;
                case EnqueueOutcome.ServerFull when _server.ShedLargestBacklog(frame.Bytes.Length):
                    continue;
                default:
                    return;
            }
        }
    }

    /// <summary>
    /// Ends both loops; the socket is aborted, so nothing waits on a peer that stopped answering.
    /// The backlog stops counting towards the server's total at once. Returns whether this call closed
    /// the connection (false if it was already closing).
    /// </summary>
    public bool Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return false;
        }

        lock (_backlogLock)
        {
            Volatile.Write(ref _backlogReleased, true);
            _server.Statistics.ReleaseQueuedBytes(_queuedBytes);
        }

        _outbox.Writer.TryComplete();
        try
        {
            _closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection ended meanwhile.
        }

        return true;
    }

    /// <summary>Serves the client until it leaves, idles too long, floods, falls too far behind, breaks the protocol, or the server stops.</summary>
    public async Task RunAsync(WebSocket socket, CancellationToken serverStopping)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(serverStopping, _closing.Token);
        var sending = SendLoopAsync(socket, stop.Token);
        try
        {
            await ReceiveLoopAsync(socket, stop.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (ProtocolFault.Is(exception))
        {
            _server.CountInvalidFrame(this, exception.Message);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            _server.Logger.LogDebug("Client {ClientId} of room '{RoomId}' ended: {Reason}", Id, _room.Id, exception.Message);
        }
        catch (Exception exception)
        {
            _server.Logger.LogError(exception, "Client {ClientId} of room '{RoomId}' failed", Id, _room.Id);
        }
        finally
        {
            Close();
            await sending.ConfigureAwait(false);
            _closing.Dispose();
        }
    }

    private EnqueueOutcome TryEnqueue(OutgoingFrame frame)
    {
        var length = frame.Bytes.Length;
        lock (_backlogLock)
        {
            if (_backlogReleased)
            {
                return EnqueueOutcome.Closed;
            }

            if (_queuedBytes + length > _server.Options.MaxQueuedBytesPerClient)
            {
                return EnqueueOutcome.BacklogFull;
            }

            if (!_server.Statistics.TryReserveQueuedBytes(length, _server.Options.MaxQueuedBytes))
            {
                return EnqueueOutcome.ServerFull;
            }

            if (!_outbox.Writer.TryWrite(frame))
            {
                // MaxQueuedFramesPerClient reached.
                _server.Statistics.ReleaseQueuedBytes(length);
                return EnqueueOutcome.BacklogFull;
            }

            Interlocked.Add(ref _queuedBytes, length);
            return EnqueueOutcome.Enqueued;
        }
    }

    private void Dequeued(int length)
    {
        lock (_backlogLock)
        {
            Interlocked.Add(ref _queuedBytes, -length);
            if (!_backlogReleased)
            {
                _server.Statistics.ReleaseQueuedBytes(length);
            }
        }
    }

    private async Task ReceiveLoopAsync(WebSocket socket, CancellationToken stop)
    {
        var options = _server.Options;
        var rateLimiter = new ClientRateLimiter(options, _server.TimeProvider);
        using var reader = new FrameReader(socket, options.MaxFrameBytes);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var idleTimer = options.IdleTimeout is { } idleTimeout
            ? _server.TimeProvider.CreateTimer(static state => CancelQuietly((CancellationTokenSource)state!), idle, idleTimeout, Timeout.InfiniteTimeSpan)
            : null;
        while (true)
        {
            // Every message counts as activity, even one then dropped; pings never reach this loop.
            idleTimer?.Change(options.IdleTimeout!.Value, Timeout.InfiniteTimeSpan);
            Frame frame;
            try
            {
                frame = await reader.ReadAsync(idle.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException
                && idle.IsCancellationRequested && !stop.IsCancellationRequested)
            {
                _server.DisconnectIdle(this);
                return;
            }

            if (frame.Kind == FrameKind.Closed)
            {
                await CloseGracefullyAsync(socket).ConfigureAwait(false);
                return;
            }

            Interlocked.Increment(ref _framesReceived);

            switch (rateLimiter.Admit(frame.Length))
            {
                case RateDecision.Dropped:
                    _server.CountRateLimited(this);
                    continue;
                case RateDecision.Flooding:
                    _server.CountRateLimited(this);
                    _server.DisconnectFlooder(this);
                    return;
            }

            if (frame.Kind == FrameKind.TooLarge)
            {
                _server.DropOversizePacket(_room, Id);
            }
            else
            {
                _server.RelayFrom(_room, this, frame.Bytes, frame.IsText);
            }
        }
    }

    private async Task SendLoopAsync(WebSocket socket, CancellationToken stop)
    {
        try
        {
            await foreach (var frame in _outbox.Reader.ReadAllAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    var type = frame.IsText ? WebSocketMessageType.Text : WebSocketMessageType.Binary;
                    await socket.SendAsync(frame.Bytes, type, endOfMessage: true, stop).ConfigureAwait(false);
                    Interlocked.Increment(ref _framesSent);
                }
                finally
                {
                    Dequeued(frame.Bytes.Length);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The receive loop sees the same end and reports it.
        }
        finally
        {
            // A failed send means the client is gone: stop reading from it too.
            Close();
        }
    }

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The loop ended as the timer fired.
        }
    }

    private static async Task CloseGracefullyAsync(WebSocket socket)
    {
        if (socket.State == WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
        }
    }

    private enum EnqueueOutcome
    {
        Enqueued,
        Closed,
        BacklogFull,
        ServerFull,
    }
}
