using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Synclets.WebSockets.Framing;

namespace Synclets.WebSockets.Server;

/// <summary>
/// One WebSocket client of the server: a loop reading its packets into the room, and a loop sending
/// it what the room relays, through a bounded backlog.
/// </summary>
internal sealed class ClientConnection : IRoomMember
{
    private readonly WsServer _server;
    private readonly Room _room;
    private readonly Channel<OutgoingFrame> _outbox;
    private readonly CancellationTokenSource _closing = new();
    private long _queuedBytes;

    public ClientConnection(WsServer server, Room room, string id)
    {
        _server = server;
        _room = room;
        Id = id;
        _outbox = Channel.CreateBounded<OutgoingFrame>(new BoundedChannelOptions(server.Options.MaxQueuedFramesPerClient)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public string Id { get; }

    public bool IsClient => true;

    public void Deliver(OutgoingFrame frame)
    {
        var queuedBytes = Interlocked.Add(ref _queuedBytes, frame.Bytes.Length);
        if (queuedBytes <= _server.Options.MaxQueuedBytesPerClient && _outbox.Writer.TryWrite(frame))
        {
            return;
        }

        Interlocked.Add(ref _queuedBytes, -frame.Bytes.Length);
        if (!_closing.IsCancellationRequested)
        {
            _server.Statistics.CountSlowClientDisconnected();
            _server.Logger.LogWarning("Disconnecting client {ClientId} of room '{RoomId}': its backlog of unsent packets is full", Id, _room.Id);
            Close();
        }
    }

    /// <summary>Ends both loops; the socket is aborted, so nothing waits on a peer that stopped answering.</summary>
    public void Close()
    {
        try
        {
            _closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Serves the client until it leaves, idles too long, falls too far behind, or the server stops.</summary>
    public async Task RunAsync(WebSocket socket, CancellationToken serverStopping)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(serverStopping, _closing.Token);
        var sending = SendLoopAsync(socket, stop.Token);
        try
        {
            await ReceiveLoopAsync(socket, stop).ConfigureAwait(false);
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
            _outbox.Writer.TryComplete();
            Close();
            await sending.ConfigureAwait(false);
            _closing.Dispose();
        }
    }

    private async Task ReceiveLoopAsync(WebSocket socket, CancellationTokenSource stop)
    {
        var idleTimeout = _server.Options.IdleTimeout;
        using var reader = new FrameReader(socket, _server.Options.MaxFrameBytes);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        while (true)
        {
            if (idleTimeout is { } timeout)
            {
                idle.CancelAfter(timeout);
            }

            var frame = await reader.ReadAsync(idle.Token).ConfigureAwait(false);
            switch (frame.Kind)
            {
                case FrameKind.Closed:
                    await CloseGracefullyAsync(socket).ConfigureAwait(false);
                    return;
                case FrameKind.TooLarge:
                    _server.DropPacket(_room, Id, $"a message over {_server.Options.MaxFrameBytes} bytes");
                    break;
                default:
                    _server.RelayFrom(_room, this, frame.Bytes, frame.IsText);
                    break;
            }
        }
    }

    private async Task SendLoopAsync(WebSocket socket, CancellationToken stop)
    {
        try
        {
            await foreach (var frame in _outbox.Reader.ReadAllAsync(stop).ConfigureAwait(false))
            {
                var type = frame.IsText ? WebSocketMessageType.Text : WebSocketMessageType.Binary;
                await socket.SendAsync(frame.Bytes, type, endOfMessage: true, stop).ConfigureAwait(false);
                Interlocked.Add(ref _queuedBytes, -frame.Bytes.Length);
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

    private static async Task CloseGracefullyAsync(WebSocket socket)
    {
        if (socket.State == WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
        }
    }
}
