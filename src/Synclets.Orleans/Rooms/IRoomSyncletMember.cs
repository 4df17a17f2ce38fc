namespace Synclets.Orleans.Rooms;

/// <summary>The room's own synclet as its grain's routes see it.</summary>
internal interface IRoomSyncletMember
{
    /// <summary>The synclet's id, its peer id in the room.</summary>
    string Id { get; }

    /// <summary>Hands the synclet a packet; must not block.</summary>
    void Deliver(byte[] packet);
}
