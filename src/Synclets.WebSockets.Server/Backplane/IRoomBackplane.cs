namespace Synclets.WebSockets.Server.Backplane;

/// <summary>
/// Joins each room of a <see cref="WsServer"/> with the room of the same id on other servers, so that
/// clients of one room connected to different servers hear each other as if they shared one server.
/// Set it in <see cref="WsServerOptions.Backplane"/>; <c>Synclets.Orleans</c> provides one.
/// </summary>
/// <remarks>
/// The server keeps doing everything it does alone: it authorizes, admits and rate-limits its own
/// clients, parses and validates their packets and writes the sender's id into each one. The
/// backplane only carries packets that passed, so one server's limits hold for the whole cluster.
/// </remarks>
public interface IRoomBackplane
{
    /// <summary>
    /// Links a room that has just opened on this server (its first member joined). Called under the
    /// server's room lock: it must return at once and do its work in the background.
    /// </summary>
    /// <param name="roomId">The room.</param>
    /// <param name="room">Where packets from the room's members on other servers are handed in.</param>
    /// <returns>The link, disposed when the room's last member on this server has left.</returns>
    IRoomBackplaneLink Open(string roomId, IRoomBackplaneReceiver room);
}
