using Microsoft.AspNetCore.Http;

namespace Synclets.WebSockets.Server.Inspector;

/// <summary>
/// Who may see what in the inspector: the same <see cref="WsServerOptions.AuthorizeUpgrade"/> that
/// guards the WebSocket upgrade, asked for the room a request is about — an empty room id for the
/// page and the server's figures. A refused request gets its 401 or 403 and nothing else.
/// </summary>
internal static class InspectorAccess
{
    /// <summary>Whether the request may see <paramref name="roomId"/>, without answering it.</summary>
    public static async ValueTask<WsUpgradeDecision> DecideAsync(WsServer server, HttpContext context, string roomId) =>
        server.Options.AuthorizeUpgrade is { } authorize
            ? await authorize(new WsUpgradeRequest(context, roomId), context.RequestAborted).ConfigureAwait(false)
            : WsUpgradeDecision.Accept;

    /// <summary>
    /// Whether the request may see <paramref name="roomId"/>; when not, the refusal is answered, with
    /// <paramref name="explanation"/> as its plain-text body if given (for a person at the page).
    /// </summary>
    public static async ValueTask<bool> AllowAsync(WsServer server, HttpContext context, string roomId, string? explanation = null)
    {
        var decision = await DecideAsync(server, context, roomId).ConfigureAwait(false);
        if (decision == WsUpgradeDecision.Accept)
        {
            return true;
        }

        context.Response.StatusCode = decision == WsUpgradeDecision.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
        context.Response.Headers.CacheControl = "no-store";
        if (explanation is not null)
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(explanation, context.RequestAborted).ConfigureAwait(false);
        }

        return false;
    }
}
