namespace Synclets.Wire;

/// <summary>The outcome of handing one packet to a <see cref="PacketAssembler"/>.</summary>
public readonly record struct AssemblyResult
{
    private AssemblyResult(AssemblyStatus status, string peer, string messageId, ReadOnlyMemory<byte> payload, AssemblyDropReason reason)
    {
        Status = status;
        Peer = peer;
        MessageId = messageId;
        Payload = payload;
        Reason = reason;
    }

    /// <summary>Whether the message completed, is still pending, or the packet was dropped.</summary>
    public AssemblyStatus Status { get; }

    /// <summary>The packet's peer (for a received packet, the sender).</summary>
    public string Peer { get; }

    /// <summary>The packet's message id.</summary>
    public string MessageId { get; }

    /// <summary>
    /// The whole message payload when <see cref="Status"/> is <see cref="AssemblyStatus.Completed"/>;
    /// empty otherwise. For a message of a single fragment this is that fragment itself, not a copy:
    /// it stays valid only as long as the packet's memory is not reused.
    /// </summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Why the packet was dropped; <see cref="AssemblyDropReason.None"/> unless <see cref="Status"/> is <see cref="AssemblyStatus.Dropped"/>.</summary>
    public AssemblyDropReason Reason { get; }

    internal static AssemblyResult Completed(in Packet packet, ReadOnlyMemory<byte> payload) =>
        new(AssemblyStatus.Completed, packet.Peer, packet.MessageId, payload, AssemblyDropReason.None);

    internal static AssemblyResult Pending(in Packet packet) =>
        new(AssemblyStatus.Pending, packet.Peer, packet.MessageId, default, AssemblyDropReason.None);

    internal static AssemblyResult Dropped(in Packet packet, AssemblyDropReason reason) =>
        new(AssemblyStatus.Dropped, packet.Peer, packet.MessageId, default, reason);
}
