namespace Synclets.WebSockets.Server.Backplane;

/// <summary>
/// One room of this server as the backplane sees it. The server calls it from its relay paths, so
/// no member may block on it: each call queues its work and returns.
/// </summary>
public interface IRoomBackplaneLink : IAsyncDisposable
{
    /// <summary>A member (a client or a server synclet) joined the room on this server.</summary>
    void MemberJoined(string memberId);

    /// <summary>A member left the room on this server.</summary>
    void MemberLeft(string memberId);

    /// <summary>
    /// Carries a packet to the room's members on other servers: to <paramref name="to"/>, a member
    /// that is not on this server, or to every member elsewhere when it is <c>*</c>.
    /// </summary>
    /// <param name="from">The sender's id, already written into the packet.</param>
    /// <param name="to">The addressee, or <c>*</c>.</param>
    /// <param name="packet">The packet as the receivers get it; the caller does not reuse the memory.</param>
    /// <param name="isText">Whether it travels as a text message (JSON) rather than binary (MessagePack).</param>
    void Send(string from, string to, ReadOnlyMemory<byte> packet, bool isText);

    /// <summary>
    /// Completes once what this server told the link so far (a member's join, say) has reached the
    /// other servers, or the backplane gave up waiting; never faults. The server awaits it before it
    /// accepts a client's WebSocket, so a connected client is in its room everywhere: what the room's
    /// members on other servers send afterwards reaches it.
    /// </summary>
    Task WhenPassedOnAsync();
}
