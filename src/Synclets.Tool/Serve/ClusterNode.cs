using Npgsql;
using Orleans.Configuration;
using Synclets.Orleans;
using Synclets.Orleans.Membership;
using Synclets.Tool.Stores;
using Synclets.Transports;
using Synclets.WebSockets.Server;

namespace Synclets.Tool.Serve;

/// <summary>
/// Makes the server one node of a cluster (<c>--cluster</c>): an Orleans silo beside Kestrel, its
/// membership in PostgreSQL, each room a grain that relays between the nodes with members in it and,
/// with <c>--postgres</c>, keeps the room's synclet.
/// </summary>
internal static class ClusterNode
{
    /// <summary>
    /// Failover within seconds rather than a minute: a silo that misses three probes of 2 s is voted
    /// dead by one other (a two-node cluster has no second voter), and its rooms move.
    /// </summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Creates the membership tables if missing, and adds the silo and the cluster's server to <paramref name="builder"/>.</summary>
    /// <exception cref="ArgumentException">The membership database cannot be reached or prepared.</exception>
    public static async Task AddAsync(WebApplicationBuilder builder, ClusterArguments cluster, WsServerOptions serverOptions, IRoomStore? rooms)
    {
        await PrepareMembershipAsync(cluster.Membership);
        builder.UseOrleans(silo =>
        {
            silo.UseAdoNetClustering(options => (options.Invariant, options.ConnectionString) = (PostgresMembership.Invariant, cluster.Membership));
            silo.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (cluster.ClusterId, "synclets"));
            silo.ConfigureEndpoints(cluster.SiloAddress, cluster.SiloPort, gatewayPort: 0);
            silo.Configure<ClusterMembershipOptions>(options =>
            {
                options.ProbeTimeout = ProbeTimeout;
                options.NumMissedProbesLimit = 3;
                options.NumVotesForDeathDeclaration = 1;
            });
        });
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning); // Orleans' placement retries, a line per room otherwise
        builder.Services.AddSyncletCluster(
            new SyncletClusterOptions
            {
                CreateRoomSynclet = rooms is null ? null : (roomId, transport, _, cancellationToken) => rooms.CreateAsync(roomId, transport, cancellationToken),
                RoomTransportOptions = serverOptions.RoomTransportOptions,
            },
            serverOptions with { CreateRoomSynclet = null });
    }

    private static async Task PrepareMembershipAsync(string connectionString)
    {
        NpgsqlDataSource dataSource;
        string description;
        try
        {
            (dataSource, description) = PostgresDatabase.Create(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException($"--cluster: that is not a PostgreSQL connection string: {exception.Message}", exception);
        }

        await using (dataSource)
        {
            try
            {
                await PostgresMembership.EnsureCreatedAsync(dataSource);
            }
            catch (Exception exception) when (PostgresDatabase.IsConnectionFailure(exception))
            {
                throw new ArgumentException($"--cluster: cannot prepare the cluster's membership tables in the {description}: {exception.Message}", exception);
            }
        }
    }
}
