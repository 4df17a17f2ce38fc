namespace Synclets.WebSockets.Server;

/// <summary>A peer in a room: a WebSocket client, or a synclet on the server itself.</summary>
internal interface IRoomMember
{
    /// <summary>The id other members see as the sender of this member's packets.</summary>
    string Id { get; }

    /// <summary>Whether the member is a WebSocket client (as opposed to a server synclet).</summary>
    bool IsClient { get; }

    /// <summary>Hands over a packet for this member; must not block.</summary>
    void Deliver(OutgoingFrame frame);
}

/// <summary>A packet on its way to a member, with the frame type it travels in.</summary>
internal readonly record struct OutgoingFrame(ReadOnlyMemory<byte> Bytes, bool IsText);
