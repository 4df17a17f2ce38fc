using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Synclets.Logging;
using Synclets.WebSockets.Server.Backplane;
using Synclets.WebSockets.Server.Diagnostics;

namespace Synclets.WebSockets.Server;

/// <summary>
/// A stateless WebSocket broker: each URL path is a room, and packets are relayed among the peers
/// of a room, the addressee replaced by the sender's id, <c>*</c> reaching every other peer.
/// It stores nothing, unless a synclet joins a room through a <see cref="WsServerTransport"/>
/// (or <see cref="WsServerOptions.CreateRoomSynclet"/> gives every room one).
/// </summary>
/// <remarks>
/// Serve it from ASP.NET Core with <c>app.MapSyncletServer("/{**room}")</c>, or on its own with
/// <see cref="StartAsync(string, WsServerOptions?, ILoggerFactory?, CancellationToken)"/>.
/// </remarks>
public sealed partial class WsServer : IAsyncDisposable
{
    private const string ClientIdAlphabet = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
    private readonly Dictionary<string, Room> _rooms = new(StringComparer.Ordinal);
    private readonly HashSet<ClientConnection> _clients = [];
    private readonly Lock _roomsLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly RoomSynclets _roomSynclets;
    private readonly RoomAdmission _admission;
    private int _disposed;

    /// <summary>Creates a broker; it serves requests handed to <see cref="HandleAsync"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit in <paramref name="options"/> is not usable.</exception>
    public WsServer(WsServerOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        Options = options ?? new WsServerOptions();
        Options.Validate();
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<WsServer>();
        TimeProvider = Options.TimeProvider ?? TimeProvider.System;
        Warnings = new LogThrottle(Logger, TimeProvider);
        _roomSynclets = new RoomSynclets(this);
        _admission = new RoomAdmission(Options);
        WsServerMeter.Track(this);
    }

    /// <summary>The limits and hooks.</summary>
    public WsServerOptions Options { get; }

    /// <summary>Counts of clients, packets and drops.</summary>
    public WsServerStatistics Statistics { get; } = new();

    internal ILogger Logger { get; }

    /// <summary>WebSocket clients connected now.</summary>
    internal int ClientCount
    {
        get
        {
            lock (_roomsLock)
            {
                return _clients.Count;
            }
        }
    }

    /// <summary>Rooms with at least one member on this server.</summary>
    internal int RoomCount
    {
        get
        {
            lock (_roomsLock)
            {
                return _rooms.Count;
            }
        }
    }

    internal TimeProvider TimeProvider { get; }

    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>The rooms that have at least one peer.</summary>
    public IReadOnlyCollection<string> GetRoomIds()
    {
        lock (_roomsLock)
        {
            return [.. _rooms.Keys];
        }
    }

    /// <summary>The ids of the WebSocket clients in a room (empty when there is no such room).</summary>
    public IReadOnlyCollection<string> GetClientIds(string roomId)
    {
        ArgumentNullException.ThrowIfNull(roomId);
        lock (_roomsLock)
        {
            return _rooms.TryGetValue(roomId, out var room) ? room.ClientIds : [];
        }
    }

    /// <summary>
    /// The WebSocket clients of a room on this server, oldest first: when each joined, what it sent
    /// and was sent, and its backlog (empty when there is no such room).
    /// </summary>
    public IReadOnlyList<WsClientInfo> GetClients(string roomId)
    {
        ArgumentNullException.ThrowIfNull(roomId);
        lock (_roomsLock)
        {
            return _rooms.TryGetValue(roomId, out var room) ? room.Clients : [];
        }
    }

    /// <summary>
    /// The synclet that stores <paramref name="roomId"/> on this server (see
    /// <see cref="WsServerOptions.CreateRoomSynclet"/>), or null when rooms are not stored here or
    /// this one has no clients now.
    /// </summary>
    public Synclet? GetRoomSynclet(string roomId)
    {
        ArgumentNullException.ThrowIfNull(roomId);
        return _roomSynclets.Find(roomId);
    }

    /// <summary>
    /// Serves one request: refuses it (400 if it is not a WebSocket request, 401 or 403 from
    /// <see cref="WsServerOptions.AuthorizeUpgrade"/>, 503 if the server is full
    /// (<see cref="WsServerOptions.MaxClients"/>), the room is full or cannot be opened
    /// (<see cref="WsServerOptions.MaxRooms"/>, <see cref="WsServerOptions.MaxRoomsCreatedPerClient"/>),
    /// or the server is stopping), or accepts it and relays its packets until it disconnects.
    /// Nothing is made for a room (no room synclet, no storage) before the request is authorized and
    /// admitted.
    /// </summary>
    /// <remarks>
    /// The room is the route value <c>room</c> when the endpoint's pattern has one, otherwise the
    /// request path without its leading slash. The request needs ASP.NET Core's WebSocket
    /// middleware, which <c>MapSyncletServer</c> adds for its endpoint.
    /// </remarks>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "This endpoint only accepts WebSocket requests.").ConfigureAwait(false);
            return;
        }

        try
        {
            await ServeAsync(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Logger.LogError(exception, "A request for '{Path}' failed", context.Request.Path);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
        }
    }

    /// <summary>
    /// Disconnects every client and refuses new ones, without waiting; an application's shutdown
    /// calls it so connected clients do not hold the shutdown up. <see cref="DisposeAsync"/> also
    /// disposes the room synclets.
    /// </summary>
    public void StopServing()
    {
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(HttpContext context)
    {
        var roomId = RoomIdOf(context);
        if (Options.AuthorizeUpgrade is { } authorize)
        {
            var decision = await authorize(new WsUpgradeRequest(context, roomId), context.RequestAborted).ConfigureAwait(false);
            if (decision != WsUpgradeDecision.Accept)
            {
                var status = decision == WsUpgradeDecision.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
                await RefuseAsync(context, status, $"Not allowed to join room '{roomId}'.").ConfigureAwait(false);
                return;
            }
        }

        if (_stopping.IsCancellationRequested)
        {
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, "The server is stopping.").ConfigureAwait(false);
            return;
        }

        var admission = _admission.TryEnter(roomId, context.Connection.RemoteIpAddress);
        if (admission != RoomAdmissionOutcome.Admitted)
        {
            Statistics.CountRoomRefused();
            var reason = admission == RoomAdmissionOutcome.TooManyRooms
                ? $"Room '{roomId}' is not open and the server has as many rooms open as it may."
                : $"Room '{roomId}' is not open and this client has opened as many rooms as it may for now.";
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, reason).ConfigureAwait(false);
            return;
        }

        try
        {
            await ServeAdmittedAsync(context, roomId).ConfigureAwait(false);
        }
        finally
        {
            // Only now is the room's synclet disposed (if this was its last client): until then it still counts.
            _admission.Leave(roomId);
        }
    }

    private async Task ServeAdmittedAsync(HttpContext context, string roomId)
    {
        if (!await _roomSynclets.EnterAsync(roomId).ConfigureAwait(false))
        {
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, $"Room '{roomId}' could not be opened.").ConfigureAwait(false);
            return;
        }

        try
        {
            await ServeClientAsync(context, roomId).ConfigureAwait(false);
        }
        finally
        {
            await _roomSynclets.LeaveAsync(roomId).ConfigureAwait(false);
        }
    }

    private async Task ServeClientAsync(HttpContext context, string roomId)
    {
        var (room, connection, refusal) = JoinAsClient(roomId);
        if (connection is null)
        {
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, refusal).ConfigureAwait(false);
            return;
        }

        try
        {
            if (room.Link is { } link)
            {
                await link.WhenPassedOnAsync().ConfigureAwait(false);
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            Statistics.CountClientAccepted();
            Logger.LogDebug("Client {ClientId} joined room '{RoomId}'", connection.Id, roomId);
            await connection.RunAsync(socket, _stopping.Token).ConfigureAwait(false);
        }
        finally
        {
            Leave(room, connection);
            Logger.LogDebug("Client {ClientId} left room '{RoomId}'", connection.Id, roomId);
        }
    }

    /// <summary>Puts a new client in its room, unless the room or the server is full (then says why).</summary>
    private (Room Room, ClientConnection? Connection, string Refusal) JoinAsClient(string roomId)
    {
        lock (_roomsLock)
        {
            var room = RoomOf(roomId);
            var refusal = _clients.Count >= Options.MaxClients ? "The server is full."
                : room.ClientCount >= Options.MaxClientsPerRoom ? $"Room '{roomId}' is full."
                : null;
            if (refusal is not null)
            {
                ForgetIfEmpty(room);
                return (room, null, refusal);
            }

            // Ids are made here, not taken from the request, so no client can claim another's.
            ClientConnection connection;
            do
            {
                connection = new ClientConnection(this, room, RandomNumberGenerator.GetString(ClientIdAlphabet, 16));
            }
            while (!room.TryAdd(connection));

            _clients.Add(connection);
            return (room, connection, string.Empty);
        }
    }

    /// <summary>Adds a server-side member (a synclet's transport) to a room.</summary>
    /// <exception cref="InvalidOperationException">A peer with the same id is already in the room.</exception>
    internal Room Join(string roomId, IRoomMember member)
    {
        lock (_roomsLock)
        {
            var room = RoomOf(roomId);
            if (!room.TryAdd(member))
            {
                ForgetIfEmpty(room);
                throw new InvalidOperationException($"A peer with id '{member.Id}' is already in room '{roomId}'; synclet ids must be unique in a room.");
            }

            return room;
        }
    }

    /// <summary>Removes a member at once; the room goes when its last member does.</summary>
    internal void Leave(Room room, IRoomMember member)
    {
        lock (_roomsLock)
        {
            room.Remove(member);
            if (member is ClientConnection connection)
            {
                _clients.Remove(connection);
            }

            ForgetIfEmpty(room);
        }
    }

    internal void RelayFrom(Room room, IRoomMember sender, ReadOnlyMemory<byte> packet, bool isText)
    {
        Statistics.CountPacketReceived();
        switch (room.Relay(sender, packet, isText, out var delivered))
        {
            case RelayOutcome.Malformed:
                DropMalformedPacket(room, sender.Id, packet.Length);
                break;
            case RelayOutcome.NoSuchPeer:
                // Usually a reply to a peer that has just left: worth counting, not a warning.
                Statistics.CountPacketDropped();
                Logger.LogDebug("Dropped a packet from {Sender} in room '{RoomId}': its addressee is not there", sender.Id, room.Id);
                break;
            default:
                Statistics.CountPacketsDelivered(delivered);
                break;
        }
    }

    /// <summary>Stops serving: every client is disconnected and every room synclet disposed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        StopServing();
        WsServerMeter.Forget(this);
        await _roomSynclets.DisposeAsync().ConfigureAwait(false);
        await StopHostAsync().ConfigureAwait(false);
    }

    private Room RoomOf(string roomId)
    {
        if (!_rooms.TryGetValue(roomId, out var room))
        {
            room = new Room(roomId, Statistics);
            _rooms.Add(roomId, room);
            room.Link = Options.Backplane?.Open(roomId, room);
        }

        return room;
    }

    private void ForgetIfEmpty(Room room)
    {
        if (room.IsEmpty && _rooms.TryGetValue(room.Id, out var current) && ReferenceEquals(current, room))
        {
            _rooms.Remove(room.Id);
            if (room.Link is { } link)
            {
                room.Link = null;
                _ = CloseLinkAsync(room.Id, link);
            }
        }
    }

    private async Task CloseLinkAsync(string roomId, IRoomBackplaneLink link)
    {
        try
        {
            await link.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Logger.LogError(exception, "Room '{RoomId}': its backplane link failed to close", roomId);
        }
    }

    private static string RoomIdOf(HttpContext context) =>
        context.Request.RouteValues.TryGetValue("room", out var value)
            ? value as string ?? string.Empty
            : (context.Request.Path.Value ?? string.Empty).TrimStart('/');

    private async Task RefuseAsync(HttpContext context, int status, string reason)
    {
        Statistics.CountUpgradeRefused();

        // Anyone can knock as often as they like: by source address, through the throttle.
        if (Warnings.ShouldLog("refused requests", context.Connection.RemoteIpAddress?.ToString()))
        {
            Logger.LogInformation("Refused a request for '{Path}' with {Status}: {Reason}", context.Request.Path, status, reason);
        }
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(reason, context.RequestAborted).ConfigureAwait(false);
    }
}
