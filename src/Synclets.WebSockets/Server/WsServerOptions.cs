using Synclets.Transports;

namespace Synclets.WebSockets.Server;

/// <summary>Limits and hooks of a <see cref="WsServer"/>.</summary>
public sealed record WsServerOptions
{
    /// <summary>
    /// Decides whether an upgrade request may join its room (look at headers, query and path);
    /// everyone is let in when null. A refused request gets 401 or 403 and never becomes a WebSocket.
    /// </summary>
    public Func<WsUpgradeRequest, CancellationToken, ValueTask<WsUpgradeDecision>>? AuthorizeUpgrade { get; init; }

    /// <summary>
    /// When set, every room gets a synclet on the server, made by this factory when the room's first
    /// client arrives and disposed when its last client leaves: the server then stores each room's data
    /// and is a peer of every client in it. The factory gives the synclet the transport it is handed.
    /// </summary>
    public RoomSyncletFactory? CreateRoomSynclet { get; init; }

    /// <summary>The format and limits of the transports handed to <see cref="CreateRoomSynclet"/>; MessagePack by default.</summary>
    public TransportOptions RoomTransportOptions { get; init; } = new();

    /// <summary>
    /// How many rooms may be open at once, relayed or stored; 10,000 by default. A room opens with its
    /// first client (its room synclet and storage are made then) and closes once its last client has
    /// left and its synclet is disposed. Past this, a client asking for a room that is not open is
    /// refused with 503 and counted in <see cref="WsServerStatistics.RoomsRefused"/>; open rooms can
    /// still be joined. A relayed room costs a few kilobytes, so the default is far below what memory
    /// allows; it is there so that a stream of new paths cannot make rooms without end. Lower it when
    /// each room keeps a synclet with its own store.
    /// </summary>
    public int MaxRooms { get; init; } = 10_000;

    /// <summary>
    /// How many rooms one client address may open (ask for while they are not open) per
    /// <see cref="RoomCreationWindow"/>; 100 by default. Joining an open room is not opening one.
    /// Past this, the address is refused new rooms with 503 until its window ends, counted in
    /// <see cref="WsServerStatistics.RoomsRefused"/>. The default is far more than a person opens
    /// documents per minute, yet keeps one machine from filling <see cref="MaxRooms"/> or a store
    /// with tables in a burst. Addresses are <c>HttpContext.Connection.RemoteIpAddress</c>: behind a
    /// reverse proxy, use ASP.NET Core's forwarded-headers middleware, or every client is the proxy.
    /// An IPv6 address counts by its /64 network, which one host usually holds whole.
    /// </summary>
    public int MaxRoomsCreatedPerClient { get; init; } = 100;

    /// <summary>The time over which <see cref="MaxRoomsCreatedPerClient"/> is counted; one minute by default.</summary>
    public TimeSpan RoomCreationWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest WebSocket message (one packet) accepted; larger ones are discarded and counted. 1 MiB by default.</summary>
    public int MaxFrameBytes { get; init; } = 1024 * 1024;

    /// <summary>How many clients one room may hold; more are refused with 503. 10,000 by default.</summary>
    public int MaxClientsPerRoom { get; init; } = 10_000;

    /// <summary>
    /// How many packets may wait to be sent to one client; 65,536 by default (a room of 100 writing
    /// at once queues about 10,000 small packets per client). A client that falls this far behind is
    /// disconnected (it syncs fully when it reconnects) rather than let its backlog grow.
    /// </summary>
    public int MaxQueuedFramesPerClient { get; init; } = 65_536;

    /// <summary>How many bytes of packets may wait to be sent to one client; 16 MiB by default. Past it, as above.</summary>
    public long MaxQueuedBytesPerClient { get; init; } = 16L * 1024 * 1024;

    /// <summary>
    /// A client that sends no packet for this long is disconnected; never when null (the default).
    /// Pings do not count, and a synclet with nothing to say sends nothing, so set it well above how
    /// often your clients write or sync; dead connections are found by <see cref="KeepAliveTimeout"/> anyway.
    /// </summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>How often the server pings each client to keep the connection alive; 30 s by default.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the server waits for a ping's answer before it drops a dead client; 30 s by default.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks that every value is usable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFrameBytes, nameof(MaxFrameBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxClientsPerRoom, nameof(MaxClientsPerRoom));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxRooms, nameof(MaxRooms));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxRoomsCreatedPerClient, nameof(MaxRoomsCreatedPerClient));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RoomCreationWindow, TimeSpan.Zero, nameof(RoomCreationWindow));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxQueuedFramesPerClient, nameof(MaxQueuedFramesPerClient));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxQueuedBytesPerClient, MaxFrameBytes, nameof(MaxQueuedBytesPerClient));
        if (IdleTimeout is { } idle)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idle, TimeSpan.Zero, nameof(IdleTimeout));
        }

        ArgumentNullException.ThrowIfNull(RoomTransportOptions, nameof(RoomTransportOptions));
        RoomTransportOptions.Validate();
    }
}

/// <summary>Makes the synclet that stores a room's data on the server; see <see cref="WsServerOptions.CreateRoomSynclet"/>.</summary>
/// <param name="roomId">The room: the part of the URL path the endpoint's <c>room</c> parameter matched.</param>
/// <param name="transport">The transport to give the synclet: it joins the room when the synclet starts.</param>
/// <param name="cancellationToken">Cancelled when the server stops.</param>
/// <returns>The synclet, created but not necessarily started (the server starts it).</returns>
public delegate Task<Synclet> RoomSyncletFactory(string roomId, WsServerTransport transport, CancellationToken cancellationToken);
