namespace Synclets.WebSockets.Server.Backplane;

/// <summary>A room of this server as its backplane link sees it: where packets from other servers arrive.</summary>
public interface IRoomBackplaneReceiver
{
    /// <summary>
    /// Hands a packet from a member on another server to this server's members: to
    /// <paramref name="to"/>, or to all of them when it is <c>*</c>. Never blocks.
    /// </summary>
    /// <param name="to">The addressee, or <c>*</c>.</param>
    /// <param name="packet">The packet, its sender's id already written into it.</param>
    /// <param name="isText">Whether it travels as a text message (JSON) rather than binary (MessagePack).</param>
    void Deliver(string to, ReadOnlyMemory<byte> packet, bool isText);

    /// <summary>
    /// Counts packets from this server's members that the backplane could not deliver (no such
    /// member anywhere, or a backlog over its limit), in <see cref="WsServerStatistics.PacketsDropped"/>.
    /// </summary>
    void CountDropped(int count);
}
