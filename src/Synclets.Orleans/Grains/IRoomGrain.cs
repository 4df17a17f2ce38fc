namespace Synclets.Orleans.Grains;

/// <summary>
/// One room of the cluster, by room id: the directory of its members on every node, the relay of
/// packets between nodes, and, when rooms are stored, the room's server synclet.
/// </summary>
public interface IRoomGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes what happened in the room on one node since its last push, in order: members joining
    /// and leaving, and packets for members elsewhere. An empty push is the node's heartbeat.
    /// </summary>
    /// <param name="push">The node and its entries.</param>
    /// <param name="cancellationToken">Gives up the call (the node then pushes again, with its whole member list).</param>
    Task<RoomReceipt> PushAsync(RoomPush push, CancellationToken cancellationToken = default);

    /// <summary>Forgets a node that has no member left in the room.</summary>
    Task LeaveAsync(string nodeId);
}
