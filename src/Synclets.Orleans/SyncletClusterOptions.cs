using Synclets.Transports;

namespace Synclets.Orleans;

/// <summary>How the nodes of a cluster carry their rooms' packets through the rooms' grains.</summary>
public sealed record SyncletClusterOptions
{
    /// <summary>
    /// How often a node with members in a room tells the room's grain it is still there; 5 s by
    /// default, one small grain call per room and node. A node that is a silo also tells every room
    /// its members as soon as a silo is declared dead (the grains it held come back elsewhere knowing
    /// no node); heartbeats are what a moved room has to go by otherwise, and how a grain finds a
    /// node gone quiet.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A node not heard from for this long is taken for dead and dropped from its rooms; 20 s by default.</summary>
    public TimeSpan NodeTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a node waits for its room's grain to take a push before it tries again; 5 s by default.</summary>
    public TimeSpan PushTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many entries (joins, leaves, packets) one push or delivery carries at most; 1,000 by default.</summary>
    public int MaxEntriesPerPush { get; init; } = 1_000;

    /// <summary>
    /// How many bytes of packets may wait, per room, on their way from a node to the grain or from
    /// the grain to one node; 16 MiB by default. Past it, new packets are dropped and counted on the
    /// node, and a node the grain cannot deliver to is dropped from the room (it joins again with its
    /// next heartbeat, and its synclets repair what was lost with their next sync).
    /// </summary>
    public long MaxQueuedBytesPerRoom { get; init; } = 16L * 1024 * 1024;

    /// <summary>
    /// When set, every room's grain keeps a synclet of the room, made by this factory when the grain
    /// activates and disposed when it deactivates: the cluster then stores each room's data (in a
    /// database every silo reaches, such as PostgreSQL) and is a peer of every client in it.
    /// </summary>
    public ClusterRoomSyncletFactory? CreateRoomSynclet { get; init; }

    /// <summary>The format and limits of the transports handed to <see cref="CreateRoomSynclet"/>; MessagePack by default.</summary>
    public TransportOptions RoomTransportOptions { get; init; } = new();

    /// <summary>Checks that every value is usable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative, or the node timeout is not longer than the heartbeat.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HeartbeatInterval, TimeSpan.Zero, nameof(HeartbeatInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(NodeTimeout, HeartbeatInterval, nameof(NodeTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PushTimeout, TimeSpan.Zero, nameof(PushTimeout));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxEntriesPerPush, nameof(MaxEntriesPerPush));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxQueuedBytesPerRoom, nameof(MaxQueuedBytesPerRoom));
        ArgumentNullException.ThrowIfNull(RoomTransportOptions, nameof(RoomTransportOptions));
        RoomTransportOptions.Validate();
    }
}

/// <summary>Makes the synclet a room's grain keeps; see <see cref="SyncletClusterOptions.CreateRoomSynclet"/>.</summary>
/// <param name="roomId">The room.</param>
/// <param name="transport">The transport to give the synclet: it joins the room when the synclet starts.</param>
/// <param name="services">The silo's services.</param>
/// <param name="cancellationToken">Cancelled when the grain's activation is given up.</param>
/// <returns>The synclet, created but not necessarily started (the grain starts it).</returns>
public delegate Task<Synclet> ClusterRoomSyncletFactory(string roomId, Transport transport, IServiceProvider services, CancellationToken cancellationToken);
