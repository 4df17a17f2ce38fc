using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Synclets.WebSockets.Server;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps a Synclets WebSocket broker into an ASP.NET Core application.</summary>
public static class SyncletServerEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves <paramref name="server"/> (or the <see cref="WsServer"/> registered with
    /// <c>services.AddSyncletServer()</c>) at <paramref name="pattern"/>. Use a catch-all
    /// <c>room</c> parameter, as in <c>"/{**room}"</c>, to make every path a room. The endpoint brings
    /// its own WebSocket middleware, so <c>app.UseWebSockets()</c> is not needed.
    /// </summary>
    /// <returns>The endpoint, for conventions such as <c>RequireAuthorization()</c>.</returns>
    /// <exception cref="InvalidOperationException">No server is given and none is registered.</exception>
    public static IEndpointConventionBuilder MapSyncletServer(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern, WsServer? server = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        server ??= endpoints.ServiceProvider.GetService<WsServer>()
            ?? throw new InvalidOperationException("No WsServer to map: register one with services.AddSyncletServer(), or pass one to MapSyncletServer.");
        // Clients stay connected indefinitely; without this, every shutdown would wait out its timeout.
        endpoints.ServiceProvider.GetService<IHostApplicationLifetime>()?.ApplicationStopping.Register(server.StopServing);
        var pipeline = endpoints.CreateApplicationBuilder().UseWebSockets(new WebSocketOptions
        {
            KeepAliveInterval = server.Options.KeepAliveInterval,
            KeepAliveTimeout = server.Options.KeepAliveTimeout,
        });
        pipeline.Run(server.HandleAsync);
        return endpoints.Map(pattern, pipeline.Build()).WithDisplayName("Synclets WebSocket server");
    }
}
