namespace Synclets.Orleans.Grains;

/// <summary>What a node sends its room's grain: see <see cref="IRoomGrain.PushAsync"/>.</summary>
/// <param name="NodeId">The node, unique for the life of its process.</param>
/// <param name="Node">Where the grain delivers the room's packets for the node's members.</param>
/// <param name="Members">
/// Every member of the room on the node, when the grain may not know them (the node's first push, or
/// after the grain answered <see cref="RoomReceipt.KnowsNode"/> false); null otherwise.
/// </param>
/// <param name="Entries">Joins, leaves and packets, in the order they happened.</param>
[GenerateSerializer, Immutable]
public sealed record RoomPush(
    [property: Id(0)] string NodeId,
    [property: Id(1)] IRoomNode Node,
    [property: Id(2)] string[]? Members,
    [property: Id(3)] RoomEntry[] Entries);

/// <summary>One thing that happened in a room on a node.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="MemberId">Who joined or left.</param>
/// <param name="Packet">The packet, for <see cref="RoomEntryKind.Packet"/>.</param>
[GenerateSerializer, Immutable]
public sealed record RoomEntry(
    [property: Id(0)] RoomEntryKind Kind,
    [property: Id(1)] string MemberId,
    [property: Id(2)] RoomPacket? Packet = null);

/// <summary>The kinds of <see cref="RoomEntry"/>.</summary>
[GenerateSerializer]
public enum RoomEntryKind
{
    /// <summary>A member joined the room on the node.</summary>
    Joined,

    /// <summary>A member left the room on the node.</summary>
    Left,

    /// <summary>A member of the node sent a packet to members elsewhere (its sender is the entry's member).</summary>
    Packet,
}

/// <summary>A packet on its way between nodes, its sender's id already written into it by the node that took it in.</summary>
/// <param name="To">The addressee, or <c>*</c> for every member.</param>
/// <param name="Bytes">The packet as its receivers get it.</param>
/// <param name="IsText">Whether it travels as a text message (JSON) rather than binary (MessagePack).</param>
[GenerateSerializer, Immutable]
public sealed record RoomPacket(
    [property: Id(0)] string To,
    [property: Id(1)] byte[] Bytes,
    [property: Id(2)] bool IsText);

/// <summary>The grain's answer to a push.</summary>
/// <param name="KnowsNode">
/// False when the grain met the node for the first time without its member list (the grain has
/// just been activated, perhaps on another silo): the node's next push carries it.
/// </param>
/// <param name="Undeliverable">How many of the push's packets had an addressee that is in the room nowhere.</param>
[GenerateSerializer, Immutable]
public sealed record RoomReceipt(
    [property: Id(0)] bool KnowsNode,
    [property: Id(1)] int Undeliverable);
