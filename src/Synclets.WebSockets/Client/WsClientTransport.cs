using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Synclets.Transports;
using Synclets.WebSockets.Framing;
using Synclets.Wire;

namespace Synclets.WebSockets.Client;

/// <summary>
/// Reaches the peers in one room of a WebSocket broker (a <c>WsServer</c>, or the TypeScript
/// Synclets broker in JSON mode). Packets travel as text messages in JSON mode and binary messages
/// in MessagePack mode. A lost connection is retried with exponential backoff and jitter, and each
/// reconnection syncs the whole tree, so changes made meanwhile on either side are exchanged.
/// </summary>
/// <remarks>
/// Starting the synclet while the server is unreachable does not fail: after one attempt (at most
/// <see cref="WsClientTransportOptions.ConnectTimeout"/>) the transport keeps trying in the
/// background, and local writes made meanwhile sync once it connects. Watch <see cref="StateChanged"/>.
/// Reconnection waits follow the synclet's <see cref="TimeProvider"/>.
/// </remarks>
public sealed class WsClientTransport : Transport
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _stateLock = new();
    private CancellationTokenSource? _running;
    private Task _connection = Task.CompletedTask;
    private ClientWebSocket? _socket;
    private volatile bool _stopRequested;
    private int _uriIndex;

    /// <summary>Creates a transport that connects to <paramref name="uri"/> when its synclet starts.</summary>
    /// <param name="uri">A <c>ws://</c> or <c>wss://</c> address; its path names the room.</param>
    /// <param name="options">Format, limits and reconnection; MessagePack and defaults when null.</param>
    /// <exception cref="ArgumentException">The address is not a WebSocket address.</exception>
    public WsClientTransport(Uri uri, WsClientTransportOptions? options = null) : this([uri ?? throw new ArgumentNullException(nameof(uri))], options)
    {
    }

    /// <summary>
    /// Creates a transport that connects to one of <paramref name="uris"/>, the same room on several
    /// servers (the nodes of a cluster): the first at start, the next whenever an attempt fails or a
    /// connection is lost, round and round.
    /// </summary>
    /// <param name="uris">One or more <c>ws://</c> or <c>wss://</c> addresses of the same room.</param>
    /// <param name="options">Format, limits and reconnection; MessagePack and defaults when null.</param>
    /// <exception cref="ArgumentException">The list is empty, or an address is not a WebSocket address.</exception>
    public WsClientTransport(IEnumerable<Uri> uris, WsClientTransportOptions? options = null) : base(options ?? new WsClientTransportOptions())
    {
        ArgumentNullException.ThrowIfNull(uris);
        Uris = [.. uris];
        if (Uris.Count == 0)
        {
            throw new ArgumentException("Give at least one server address.", nameof(uris));
        }

        foreach (var uri in Uris)
        {
            if (uri is null || !uri.IsAbsoluteUri || (uri.Scheme != "ws" && uri.Scheme != "wss"))
            {
                throw new ArgumentException($"'{uri}' is not a WebSocket address; use ws:// or wss://.", nameof(uris));
            }
        }

        ClientOptions = (WsClientTransportOptions)Options;
    }

    /// <summary>The server address in use: the one connected to, or being tried.</summary>
    public Uri Uri => Uris[Volatile.Read(ref _uriIndex)];

    /// <summary>Every address the transport may use, in the order it tries them.</summary>
    public IReadOnlyList<Uri> Uris { get; }

    /// <summary>Format, limits and reconnection settings.</summary>
    public WsClientTransportOptions ClientOptions { get; }

    /// <summary>Where the connection stands.</summary>
    public WsConnectionState State { get; private set; } = WsConnectionState.Closed;

    /// <summary>
    /// Raised when the connection opens, is lost or closes. Handlers run on the transport's own
    /// thread and must not block.
    /// </summary>
    public event EventHandler<WsConnectionStateChangedEventArgs>? StateChanged;

    /// <inheritdoc />
    protected override async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var running = new CancellationTokenSource();
        _running = running;
        _stopRequested = false;
        SetState(WsConnectionState.Connecting, null);
        ClientWebSocket? socket = null;
        try
        {
            socket = await OpenAsync(cancellationToken).ConfigureAwait(false);
            Adopt(socket);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Offline is a normal state for a sync client: keep trying in the background.
            Logger.LogWarning("[{SyncletId}] could not connect to {Uri} ({Reason}); retrying in the background", SyncletId, Uri, exception.Message);
            MoveToNextUri();
            SetState(WsConnectionState.Connecting, exception);
        }
        catch
        {
            _running = null;
            running.Dispose();
            SetState(WsConnectionState.Closed, null);
            throw;
        }

        _connection = Task.Run(() => KeepConnectedAsync(socket, running.Token), CancellationToken.None);
    }

    /// <inheritdoc />
    protected override async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, null) is not { } running)
        {
            return;
        }

        _stopRequested = true;
        try
        {
            // Say goodbye and give the server a moment to answer; then cut the connection regardless.
            if (_socket is { } socket && await CloseAsync(socket).ConfigureAwait(false))
            {
                await _connection.WaitAsync(CloseTimeout, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            await running.CancelAsync().ConfigureAwait(false);
            await _connection.ConfigureAwait(false);
        }
        finally
        {
            running.Dispose();
            SetState(WsConnectionState.Closed, null);
        }
    }

    /// <inheritdoc />
    protected override async ValueTask SendPacketAsync(string to, ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        var type = Options.WireFormat == WireFormat.Json ? WebSocketMessageType.Text : WebSocketMessageType.Binary;
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        ClientWebSocket? socket = null;
        try
        {
            // While offline the packet is dropped: the sync after reconnecting carries its change.
            if (_socket is { State: WebSocketState.Open } open)
            {
                socket = open;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(ClientOptions.SendTimeout);
                await socket.SendAsync(packet, type, endOfMessage: true, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
            && exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A lost or stalled connection: cut it, so the receive loop reconnects and the sync after it repairs this send.
            Logger.LogDebug("[{SyncletId}] a send to {Uri} failed: {Reason}", SyncletId, Uri, exception.Message);
            socket?.Abort();
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
        _sendLock.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Reads packets while connected; reconnects after every loss until the synclet stops.</summary>
    private async Task KeepConnectedAsync(ClientWebSocket? socket, CancellationToken stop)
    {
        var backoff = new ReconnectBackoff(ClientOptions.ReconnectMinDelay, ClientOptions.ReconnectMaxDelay);
        while (!_stopRequested && !stop.IsCancellationRequested)
        {
            if (socket is null)
            {
                try
                {
                    await Task.Delay(backoff.NextDelay(), TimeProvider, stop).ConfigureAwait(false);
                    socket = await OpenAsync(stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception exception)
                {
                    Logger.LogDebug("[{SyncletId}] reconnecting to {Uri} failed: {Reason}", SyncletId, Uri, exception.Message);
                    MoveToNextUri();
                    SetState(WsConnectionState.Connecting, exception);
                    continue;
                }

                Adopt(socket);
                NotifyReconnected();
            }

            var opened = TimeProvider.GetTimestamp();
            var error = await ServeAsync(socket, stop).ConfigureAwait(false);
            socket = null;

            // A server that accepts and at once drops the client must not be hammered.
            if (TimeProvider.GetElapsedTime(opened) > ClientOptions.ReconnectMaxDelay)
            {
                backoff.Reset();
            }

            if (!_stopRequested && !stop.IsCancellationRequested)
            {
                Logger.LogInformation("[{SyncletId}] lost the connection to {Uri}; reconnecting", SyncletId, Uri);

                // The server may be gone for good (a node of a cluster that died): try the next one first.
                MoveToNextUri();
                SetState(WsConnectionState.Connecting, error);
            }
        }
    }

    private void MoveToNextUri() => Volatile.Write(ref _uriIndex, (_uriIndex + 1) % Uris.Count);

    /// <summary>Makes a newly opened connection the one packets are sent on.</summary>
    private void Adopt(ClientWebSocket socket)
    {
        _socket = socket;
        SetState(WsConnectionState.Open, null);
    }

    /// <summary>Reads from one connection until it ends; returns the error that ended it, if any.</summary>
    private async Task<Exception?> ServeAsync(ClientWebSocket socket, CancellationToken stop)
    {
        try
        {
            await ReceiveAsync(socket, stop).ConfigureAwait(false);
            await CloseAsync(socket).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception exception) when (ProtocolFault.Is(exception))
        {
            // The socket has closed itself over it, so this connection is lost like any other; but it
            // is the server's doing, not the network's, and worth a count and a warning.
            DropPacket("a WebSocket frame that breaks the protocol (a text message that is not UTF-8, say)");
            return exception;
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            return exception;
        }
        catch (Exception exception)
        {
            Logger.LogError(exception, "[{SyncletId}] reading from {Uri} failed", SyncletId, Uri);
            return exception;
        }
        finally
        {
            await _sendLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            _socket = null;
            _sendLock.Release();
            socket.Dispose();
        }
    }

    private async Task ReceiveAsync(ClientWebSocket socket, CancellationToken stop)
    {
        using var reader = new FrameReader(socket, ClientOptions.MaxFrameBytes);
        while (true)
        {
            var frame = await reader.ReadAsync(stop).ConfigureAwait(false);
            switch (frame.Kind)
            {
                case FrameKind.Closed:
                    return;
                case FrameKind.TooLarge:
                    DropPacket($"a WebSocket message over {ClientOptions.MaxFrameBytes} bytes");
                    break;
                default:
                    ReceivePacket(frame.Bytes);
                    break;
            }
        }
    }

    private async Task<ClientWebSocket> OpenAsync(CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            if (!OperatingSystem.IsBrowser())
            {
                // The browser's WebSocket keeps itself alive and refuses these settings.
                socket.Options.KeepAliveInterval = ClientOptions.KeepAliveInterval;
                socket.Options.KeepAliveTimeout = ClientOptions.KeepAliveTimeout;
            }

            ClientOptions.ConfigureSocket?.Invoke(socket.Options);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ClientOptions.ConnectTimeout);
            await socket.ConnectAsync(Uri, timeout.Token).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends the closing handshake (or answers the server's); a server that does not take it quickly
    /// is simply dropped. Returns whether it was sent.
    /// </summary>
    private async Task<bool> CloseAsync(ClientWebSocket socket)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return false;
        }

        try
        {
            using var timeout = new CancellationTokenSource(CloseTimeout);
            await _sendLock.WaitAsync(timeout.Token).ConfigureAwait(false);
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "synclet stopped", timeout.Token).ConfigureAwait(false);
                return true;
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            Logger.LogDebug("[{SyncletId}] closing the connection to {Uri} failed: {Reason}", SyncletId, Uri, exception.Message);
            return false;
        }
    }

    private void SetState(WsConnectionState state, Exception? error)
    {
        lock (_stateLock)
        {
            if (State == state && error is null)
            {
                return;
            }

            State = state;
        }

        try
        {
            StateChanged?.Invoke(this, new WsConnectionStateChangedEventArgs(state, error));
        }
        catch (Exception exception)
        {
            Logger.LogError(exception, "[{SyncletId}] a StateChanged handler failed", SyncletId);
        }
    }
}
