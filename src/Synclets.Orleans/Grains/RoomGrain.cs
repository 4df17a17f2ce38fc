using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;
using Synclets.Orleans.Rooms;

namespace Synclets.Orleans.Grains;

/// <summary>
/// A room of the cluster (see <see cref="IRoomGrain"/>). Reentrant: pushes from many nodes are taken
/// while deliveries to others are on their way; the routes lock what they share.
/// </summary>
/// <remarks>
/// Activated on the silo of the node that asks first (usually the node of the room's first client),
/// so a room whose clients are all on one node never leaves it.
/// Nodes that stop pushing are forgotten when another node pushes (every node with members
/// heartbeats); a room whose nodes have all gone quiet is left to Orleans' idle collection, so an
/// idle room costs no timer.
/// </remarks>
[Reentrant]
[PreferLocalPlacement]
[CollectionAgeLimit(Minutes = 2)]
internal sealed class RoomGrain(IOptions<SyncletClusterOptions> options, IServiceProvider services, ClusterWarnings warnings, ILogger<RoomGrain> logger) : Grain, IRoomGrain
{
    private RoomRoutes? _routes;
    private Synclet? _synclet;

    private RoomRoutes Routes => _routes ?? throw new InvalidOperationException("The room grain is not activated.");

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var roomId = this.GetPrimaryKeyString();
        var settings = options.Value;
        _routes = new RoomRoutes(roomId, settings, TimeProvider.System, logger, warnings.Throttle);
        if (settings.CreateRoomSynclet is { } create)
        {
            var transport = new RoomGrainTransport(_routes, settings.RoomTransportOptions);
            var synclet = await create(roomId, transport, services, cancellationToken).ConfigureAwait(true);
            try
            {
                if (!synclet.Transports.Contains(transport))
                {
                    throw new InvalidOperationException("The room synclet factory must give the synclet the transport it is handed.");
                }

                await synclet.StartAsync(cancellationToken).ConfigureAwait(true);
            }
            catch
            {
                await synclet.DisposeAsync().ConfigureAwait(true);
                throw;
            }

            _synclet = synclet;
            logger.LogInformation("Room '{RoomId}' activated with synclet {SyncletId}", roomId, synclet.Id);
        }
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _synclet, null) is { } synclet)
        {
            await synclet.DisposeAsync().ConfigureAwait(true);
            logger.LogInformation("Room '{RoomId}' deactivated ({Reason}); its synclet {SyncletId} is disposed", this.GetPrimaryKeyString(), reason.Description, synclet.Id);
        }
    }

    /// <inheritdoc />
    public Task<RoomReceipt> PushAsync(RoomPush push, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(push);
        var receipt = Routes.Push(push);
        DeactivateIfUnused();
        return Task.FromResult(receipt);
    }

    /// <inheritdoc />
    public Task LeaveAsync(string nodeId)
    {
        Routes.Leave(nodeId);
        DeactivateIfUnused();
        return Task.CompletedTask;
    }

    // A room with no node left holds nothing worth keeping in memory: its data, if any, is in its store.
    private void DeactivateIfUnused()
    {
        if (Routes.HasNoNodes)
        {
            DeactivateOnIdle();
        }
    }
}
