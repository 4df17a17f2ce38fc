using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Synclets.Logging;
using Synclets.Orleans.Grains;
using Synclets.WebSockets.Server;
using Synclets.WebSockets.Server.Backplane;

namespace Synclets.Orleans.Nodes;

/// <summary>
/// The backplane of one node: joins each room of the node's <see cref="WsServer"/> with the room's
/// grain, which relays between the nodes that have members in it. Set it as
/// <see cref="WsServerOptions.Backplane"/>, or let <c>AddSyncletCluster</c> do so.
/// </summary>
/// <remarks>
/// Packets go through the room's grain rather than from node to node: one hop more, but one place
/// that orders every node's packets and knows every member, and the grain may keep the room's synclet.
/// </remarks>
public sealed class OrleansRoomBackplane : IRoomBackplane, IRoomNode, IAsyncDisposable
{
    private readonly IGrainFactory _grains;
    private readonly ConcurrentDictionary<string, RoomLink> _links = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _closing = new(StringComparer.Ordinal);
    private readonly Lazy<IRoomNode> _reference;
    private readonly DeadSiloWatch? _deadSilos;

    /// <summary>Creates the backplane of a node that reaches the cluster through <paramref name="grains"/>.</summary>
    /// <param name="grains">The silo's or the cluster client's grain factory.</param>
    /// <param name="options">Heartbeats, timeouts and limits; the defaults when null.</param>
    /// <param name="loggerFactory">Where the links log.</param>
    /// <param name="membership">
    /// The silo's view of the cluster, when the node is a silo: when a silo dies, the rooms it held
    /// come back elsewhere knowing no node, and each node then tells them its members at once rather
    /// than at its next heartbeat.
    /// </param>
    public OrleansRoomBackplane(IGrainFactory grains, SyncletClusterOptions? options = null, ILoggerFactory? loggerFactory = null, IClusterMembershipService? membership = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        _grains = grains;
        Options = options ?? new SyncletClusterOptions();
        Options.Validate();
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<OrleansRoomBackplane>();
        Warnings = new LogThrottle(Logger, TimeProvider.System);
        _reference = new Lazy<IRoomNode>(() => _grains.CreateObjectReference<IRoomNode>(this));
        _deadSilos = membership is null ? null : new DeadSiloWatch(membership, AnnounceEverywhere, Logger);
    }

    /// <summary>This node's id in every room's grain, unique for the life of the process.</summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Heartbeats, timeouts and limits.</summary>
    public SyncletClusterOptions Options { get; }

    internal ILogger Logger { get; }

    /// <summary>One throttle for the warnings of every room's link: many rooms share one budget per kind.</summary>
    internal LogThrottle Warnings { get; }

    /// <summary>The reference the rooms' grains call this node back on; Orleans holds the object only weakly, so this backplane keeps it.</summary>
    internal IRoomNode Reference => _reference.Value;

    /// <inheritdoc />
    public IRoomBackplaneLink Open(string roomId, IRoomBackplaneReceiver room)
    {
        // A room reopened here waits for its previous link to leave the grain, so the grain sees leave, then join.
        var previous = _closing.TryGetValue(roomId, out var closing) ? closing : Task.CompletedTask;
        var link = new RoomLink(this, _grains.GetGrain<IRoomGrain>(roomId), roomId, room, previous);
        _links[roomId] = link;
        return link;
    }

    /// <inheritdoc />
    Task IRoomNode.DeliverAsync(string roomId, RoomPacket[] packets)
    {
        if (_links.TryGetValue(roomId, out var link))
        {
            link.DeliverHere(packets);
        }

        return Task.CompletedTask;
    }

    /// <summary>Called by a link that is closing; its room may open again meanwhile.</summary>
    internal void Closing(RoomLink link, Task closed)
    {
        _links.TryRemove(new KeyValuePair<string, RoomLink>(link.RoomId, link));
        _closing[link.RoomId] = closed;
        _ = closed.ContinueWith(
            _ => _closing.TryRemove(new KeyValuePair<string, Task>(link.RoomId, closed)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Stops watching the cluster and referring to this node; the server's rooms close their links as their members leave.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_deadSilos is not null)
        {
            await _deadSilos.DisposeAsync().ConfigureAwait(false);
        }

        if (_reference.IsValueCreated)
        {
            _grains.DeleteObjectReference<IRoomNode>(_reference.Value);
        }
    }

    private void AnnounceEverywhere()
    {
        foreach (var link in _links.Values)
        {
            link.AnnounceAgain();
        }
    }
}
