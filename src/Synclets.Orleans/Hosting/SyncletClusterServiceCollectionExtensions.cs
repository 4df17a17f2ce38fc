using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Synclets.Orleans;
using Synclets.Orleans.Nodes;
using Synclets.Orleans.Rooms;
using Synclets.WebSockets.Server;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a Synclets server that is one node of an Orleans cluster.</summary>
public static class SyncletClusterServiceCollectionExtensions
{
    /// <summary>
    /// Registers, in a silo's services, the rooms' grains' settings, this node's
    /// <see cref="OrleansRoomBackplane"/> and a <see cref="WsServer"/> that uses it, for
    /// <c>app.MapSyncletServer("/{**room}")</c> to serve. A client may then connect to any node:
    /// it joins its room on every node at once.
    /// </summary>
    /// <param name="services">The silo's services (<c>builder.UseOrleans(…)</c> in the same application).</param>
    /// <param name="clusterOptions">Heartbeats, limits and the rooms' synclets; every silo of the cluster must use the same.</param>
    /// <param name="serverOptions">This node's WebSocket server: its limits hold per node. Its <see cref="WsServerOptions.Backplane"/> is set here.</param>
    public static IServiceCollection AddSyncletCluster(this IServiceCollection services, SyncletClusterOptions? clusterOptions = null, WsServerOptions? serverOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var cluster = clusterOptions ?? new SyncletClusterOptions();
        cluster.Validate();
        services.AddSingleton(Options.Options.Create(cluster));
        services.TryAddSingleton<ClusterWarnings>();
        services.TryAddSingleton(provider => new OrleansRoomBackplane(
            provider.GetRequiredService<IGrainFactory>(),
            cluster,
            provider.GetService<ILoggerFactory>(),
            provider.GetService<IClusterMembershipService>()));
        services.TryAddSingleton(provider => new WsServer(
            (serverOptions ?? new WsServerOptions()) with { Backplane = provider.GetRequiredService<OrleansRoomBackplane>() },
            provider.GetService<ILoggerFactory>()));
        return services;
    }
}
