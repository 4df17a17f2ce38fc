using Microsoft.AspNetCore.Http;

namespace Synclets.WebSockets.Server;

/// <summary>A WebSocket upgrade request, as shown to <see cref="WsServerOptions.AuthorizeUpgrade"/>.</summary>
/// <param name="HttpContext">The request: headers, query string, path, user.</param>
/// <param name="RoomId">The room it asks to join.</param>
public sealed record WsUpgradeRequest(HttpContext HttpContext, string RoomId);

/// <summary>What <see cref="WsServerOptions.AuthorizeUpgrade"/> decided.</summary>
public enum WsUpgradeDecision
{
    /// <summary>Let the client in.</summary>
    Accept,

    /// <summary>Refuse with 401: the request did not say who it is.</summary>
    Unauthorized,

    /// <summary>Refuse with 403: the client is known but may not join this room.</summary>
    Forbidden,
}
