using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Synclets.WebSockets.Server;
using Synclets.WebSockets.Server.Inspector;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Synclets inspector page into an ASP.NET Core application.</summary>
public static class SyncletInspectorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves a live page at <paramref name="pattern"/> (<c>/_synclets</c> by default) that shows the
    /// <paramref name="server"/>'s (or the registered <see cref="WsServer"/>'s) rooms, each room's
    /// clients with their traffic and backlog, the server's counters, and, for rooms stored on the
    /// server, a browser of their tree and a live feed of their changes. Each request passes the
    /// server's <see cref="WsServerOptions.AuthorizeUpgrade"/> — with an empty room id for the page
    /// and the counters, and with the room's id for its clients, tree and feed — so whoever may not
    /// join a room may not look into it; a token given as <c>?token=</c> in the page's address is
    /// passed on by the page to its requests. Only the page's style sheet and script, which hold no
    /// data, are served to anyone.
    /// </summary>
    /// <returns>The endpoints, for conventions such as <c>RequireAuthorization()</c>.</returns>
    /// <exception cref="InvalidOperationException">No server is given and none is registered.</exception>
    public static IEndpointConventionBuilder MapSyncletInspector(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/_synclets", WsServer? server = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        server ??= endpoints.ServiceProvider.GetService<WsServer>()
            ?? throw new InvalidOperationException("No WsServer to inspect: register one with services.AddSyncletServer(), or pass one to MapSyncletInspector.");
        var feed = new InspectorFeed(maxViewers: 32);
        var group = endpoints.MapGroup(pattern).WithDisplayName("Synclets inspector");
        group.MapGet("/", context => ServePageAsync(server, context));
        // The style sheet and the script hold no data, and a browser fetches them without the page's ?token.
        group.MapGet("/inspector.css", InspectorAssets.WriteStyleAsync);
        group.MapGet("/inspector.js", InspectorAssets.WriteScriptAsync);
        group.MapGet("/api/overview", context => InspectorApi.WriteOverviewAsync(server, context));
        group.MapGet("/api/tree", context => InspectorApi.WriteTreeAsync(server, context));
        group.MapGet("/api/feed", context => feed.ServeAsync(server, context));
        return group;
    }

    /// <summary>The page, at its address with a trailing slash, so that it finds its files beside it.</summary>
    private static Task ServePageAsync(WsServer server, HttpContext context)
    {
        var request = context.Request;
        if (!(request.Path.Value ?? string.Empty).EndsWith('/'))
        {
            context.Response.Redirect($"{request.PathBase}{request.Path}/{request.QueryString}");
            return Task.CompletedTask;
        }

        return ServeAllowedPageAsync(server, context);
    }

    private static async Task ServeAllowedPageAsync(WsServer server, HttpContext context)
    {
        const string explanation = "The Synclets inspector needs what the server's clients need to join a room: with synclets serve --token, open this page as /_synclets/?token=<token>.";
        if (await InspectorAccess.AllowAsync(server, context, string.Empty, explanation).ConfigureAwait(false))
        {
            await InspectorAssets.WritePageAsync(context).ConfigureAwait(false);
        }
    }
}
