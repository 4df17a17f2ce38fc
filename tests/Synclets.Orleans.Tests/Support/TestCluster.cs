using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Synclets.Conformance.Support;
using Synclets.Orleans.Grains;
using Orleans.TestingHost;
using Synclets.WebSockets.Server;

namespace Synclets.Orleans.Tests.Support;

/// <summary>
/// An Orleans cluster in this process (<see cref="InProcessTestCluster"/>), each silo a node with its
/// own Kestrel port, and liveness settings that find a killed silo in seconds rather than a minute.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;
    private readonly List<ClusterNode> _nodes = [];

    private TestCluster(InProcessTestCluster cluster) => _cluster = cluster;

    /// <summary>The nodes still running, in start order.</summary>
    public IReadOnlyList<ClusterNode> Nodes => _nodes;

    /// <summary>Fast heartbeats: a moved room learns its nodes within a second.</summary>
    public static SyncletClusterOptions FastOptions { get; } = new()
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(250),
        NodeTimeout = TimeSpan.FromSeconds(3),
        PushTimeout = TimeSpan.FromSeconds(3),
    };

    public static async Task<TestCluster> StartAsync(int silos = 3, SyncletClusterOptions? options = null, WsServerOptions? serverOptions = null)
    {
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Configure<ClusterMembershipOptions>(membership =>
            {
                membership.ProbeTimeout = TimeSpan.FromSeconds(1);
                membership.NumMissedProbesLimit = 2;
                membership.NumVotesForDeathDeclaration = 1;
                membership.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            });
            silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(5));
            silo.Services.AddLogging(logging => logging.AddProvider(new FileLog()));
            // Every test client comes from 127.0.0.1, and the shared cluster opens thousands of rooms.
            silo.Services.AddSyncletCluster(options ?? FastOptions, serverOptions ?? new WsServerOptions { MaxRoomsCreatedPerClient = 100_000 });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        var result = new TestCluster(cluster);
        foreach (var silo in cluster.Silos)
        {
            result._nodes.Add(await ClusterNode.StartAsync(silo));
        }

        return result;
    }

    /// <summary>The node whose silo holds room <paramref name="roomId"/>'s grain, or null when the grain is not active.</summary>
    public ClusterNode? NodeHosting(string roomId)
    {
        var grainId = Nodes[0].Silo.ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<IRoomGrain>(roomId).GetGrainId();
        return _cluster.TryGetGrainContext(grainId, out var context)
            ? Nodes.FirstOrDefault(node => node.Silo.SiloAddress.Equals(context.Address.SiloAddress))
            : null;
    }

    /// <summary>Waits until room <paramref name="roomId"/>'s grain is active (its activation may still be starting the room's synclet), and returns its node.</summary>
    public async Task<ClusterNode> HostOfAsync(string roomId)
    {
        ClusterNode? host = null;
        await Eventually.UntilAsync(() => Task.FromResult((host = NodeHosting(roomId)) is not null), $"room '{roomId}' is active on a node");
        return host!;
    }

    /// <summary>Stops a node gracefully: its Kestrel, then its silo (its grains deactivate and move).</summary>
    public async Task StopNodeAsync(ClusterNode node)
    {
        _nodes.Remove(node);
        await node.DisposeAsync();
        await _cluster.StopSiloAsync(node.Silo);
    }

    /// <summary>Kills a node: its clients are cut off and its silo dies without telling the others.</summary>
    public async Task KillNodeAsync(ClusterNode node)
    {
        _nodes.Remove(node);
        await node.DisposeAsync();
        await _cluster.KillSiloAsync(node.Silo);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _cluster.DisposeAsync();
    }
}
