using System.Net;
using System.Net.WebSockets;
using System.Text;

namespace Synclets.Conformance.Support;

/// <summary>A bare WebSocket client that sends and reads frames as given: a hostile or foreign peer.</summary>
public sealed class RawPeer : IAsyncDisposable
{
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(10);

    private RawPeer(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    public static async Task<RawPeer> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        await socket.ConnectAsync(uri, CancellationToken.None);
        return new RawPeer(socket);
    }

    /// <summary>The HTTP status the server answered an upgrade with (a refused one throws from ConnectAsync).</summary>
    public static Task<HttpStatusCode> StatusOfUpgradeAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null) =>
        StatusOfUpgradeAsync(uri, invoker: null, configure);

    /// <summary>
    /// As above, sent through <paramref name="invoker"/> when given: its pooled HTTP connections carry
    /// one refused upgrade after another, so many refusals do not cost a TCP connection each.
    /// </summary>
    public static async Task<HttpStatusCode> StatusOfUpgradeAsync(Uri uri, HttpMessageInvoker? invoker, Action<ClientWebSocketOptions>? configure = null)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure?.Invoke(socket.Options);
        try
        {
            await socket.ConnectAsync(uri, invoker, CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }

        return socket.HttpStatusCode;
    }

    public Task SendTextAsync(string text, bool endOfMessage = true) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage, CancellationToken.None);

    public Task SendBinaryAsync(byte[] bytes, bool endOfMessage = true) =>
        Socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage, CancellationToken.None);

    /// <summary>The next whole message, failing the test if none comes in time.</summary>
    public async Task<(WebSocketMessageType Type, byte[] Bytes)> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(ReceiveTimeout);
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await Socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, message.ToArray());
            }
        }
    }

    public async Task<string> ReceiveTextAsync()
    {
        var (type, bytes) = await ReceiveAsync();
        Assert.Equal(WebSocketMessageType.Text, type);
        return Encoding.UTF8.GetString(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
            }
        }

        Socket.Dispose();
    }
}
