using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Synclets.WebSockets.Server;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a Synclets WebSocket broker with dependency injection.</summary>
public static class SyncletServerServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="WsServer"/> (logging through the application's loggers) for
    /// <c>app.MapSyncletServer("/{**room}")</c> to serve; the application disposes it when it stops.
    /// </summary>
    public static IServiceCollection AddSyncletServer(this IServiceCollection services, WsServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider => new WsServer(options, provider.GetService<ILoggerFactory>()));
        return services;
    }
}
