using Synclets.WebSockets.Server;

namespace Synclets.WebSockets.Tests.Support;

/// <summary>Brokers for tests: on 127.0.0.1 only, on a port the system picks.</summary>
internal static class Loopback
{
    public const string AnyPort = "http://127.0.0.1:0";

    public static Task<WsServer> StartServerAsync(WsServerOptions? options = null) => WsServer.StartAsync(AnyPort, options);

    /// <summary>The address of room <paramref name="roomId"/> on <paramref name="server"/>.</summary>
    public static Uri RoomUri(this WsServer server, string roomId) => new(server.Url!, Uri.EscapeDataString(roomId));
}
