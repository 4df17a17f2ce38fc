using System.Net;

namespace Synclets.WebSockets.Server;

/// <summary>
/// Lets a client into its room before anything is made for the room: joining an open room costs
/// nothing more, while opening one (which makes its room synclet and storage) needs a free place
/// under <see cref="WsServerOptions.MaxRooms"/> and room left in the client's
/// <see cref="RoomCreationQuota"/>. A room stays counted from its first client's admission until its
/// last client's <see cref="Leave"/>, so rooms still starting or closing their synclet count too.
/// </summary>
internal sealed class RoomAdmission(WsServerOptions options)
{
    private readonly Dictionary<string, int> _clientsByRoom = new(StringComparer.Ordinal);
    private readonly RoomCreationQuota _quota = new(options.MaxRoomsCreatedPerClient, options.RoomCreationWindow);
    private readonly Lock _lock = new();

    /// <summary>Admits a client into <paramref name="roomId"/>, or says why not; an admitted client must <see cref="Leave"/>.</summary>
    public RoomAdmissionOutcome TryEnter(string roomId, IPAddress? client)
    {
        lock (_lock)
        {
            if (_clientsByRoom.TryGetValue(roomId, out var clients))
            {
                _clientsByRoom[roomId] = clients + 1;
                return RoomAdmissionOutcome.Admitted;
            }

            if (_clientsByRoom.Count >= options.MaxRooms)
            {
                return RoomAdmissionOutcome.TooManyRooms;
            }

            if (!_quota.TryTake(client))
            {
                return RoomAdmissionOutcome.TooManyNewRoomsFromClient;
            }

            _clientsByRoom.Add(roomId, 1);
            return RoomAdmissionOutcome.Admitted;
        }
    }

    /// <summary>Counts an admitted client out, once it has left and its room synclet (if it was the last) is disposed.</summary>
    public void Leave(string roomId)
    {
        lock (_lock)
        {
            if (_clientsByRoom.TryGetValue(roomId, out var clients))
            {
                if (clients > 1)
                {
                    _clientsByRoom[roomId] = clients - 1;
                }
                else
                {
                    _clientsByRoom.Remove(roomId);
                }
            }
        }
    }
}

/// <summary>Whether <see cref="RoomAdmission"/> let a client in.</summary>
internal enum RoomAdmissionOutcome
{
    /// <summary>In: the room was open, or there was room to open it.</summary>
    Admitted,

    /// <summary>The room is not open and <see cref="WsServerOptions.MaxRooms"/> rooms are.</summary>
    TooManyRooms,

    /// <summary>The room is not open and the client's address has used up its <see cref="WsServerOptions.MaxRoomsCreatedPerClient"/>.</summary>
    TooManyNewRoomsFromClient,
}
