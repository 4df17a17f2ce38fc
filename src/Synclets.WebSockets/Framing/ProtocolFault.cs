using System.Net.WebSockets;

namespace Synclets.WebSockets.Framing;

/// <summary>Tells a peer that broke the WebSocket protocol from a connection that merely ended.</summary>
internal static class ProtocolFault
{
    /// <summary>
    /// Whether <paramref name="exception"/> is the socket refusing what the peer sent: a text
    /// message that is not UTF-8, an unknown opcode, reserved bits set.
    /// The socket answers those by closing with 1002 or 1007 and throwing
    /// <see cref="WebSocketError.Faulted"/> with nothing underneath. A lost connection says
    /// <see cref="WebSocketError.ConnectionClosedPrematurely"/>, and a missed keep-alive answer or a
    /// failing stream is reported as a fault with its cause inside, so neither counts as the peer's doing.
    /// </summary>
    public static bool Is(Exception exception) =>
        exception is WebSocketException { WebSocketErrorCode: WebSocketError.Faulted, InnerException: null };
}
