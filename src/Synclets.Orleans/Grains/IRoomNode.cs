namespace Synclets.Orleans.Grains;

/// <summary>A node as its rooms' grains reach it: an observer that hands packets to the node's WebSocket clients.</summary>
public interface IRoomNode : IGrainObserver
{
    /// <summary>Hands packets from members on other nodes to this node's members of room <paramref name="roomId"/>.</summary>
    Task DeliverAsync(string roomId, RoomPacket[] packets);
}
