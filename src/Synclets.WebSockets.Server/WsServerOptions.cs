using Synclets.Transports;
using Synclets.WebSockets.Server.Backplane;

namespace Synclets.WebSockets.Server;

/// <summary>Limits and hooks of a <see cref="WsServer"/>.</summary>
public sealed record WsServerOptions
{
    /// <summary>
    /// What the server is, for metrics: every measurement of the "Synclets.Server" meter is tagged
    /// with it (<see cref="Diagnostics.WsServerDiagnostics.NameTag"/>); "server" by default.
    /// </summary>
    public string Name { get; init; } = "server";

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

    /// <summary>
    /// Joins each room with the room of the same id on other servers, so that clients of one room may
    /// connect to any of them (<c>Synclets.Orleans</c> provides one); null for a server on its own.
    /// Every limit here still holds per server.
    /// </summary>
    public IRoomBackplane? Backplane { get; init; }

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
    /// How many WebSocket clients the server holds in all its rooms together; more are refused with
    /// 503. 10,000 by default: each client may cost up to <see cref="MaxQueuedBytesPerClient"/> of
    /// backlog and a socket, so a server that expects more should raise it with its memory.
    /// </summary>
    public int MaxClients { get; init; } = 10_000;

    /// <summary>
    /// How many packets may wait to be sent to one client; 65,536 by default (a room of 100 writing
    /// at once queues about 10,000 small packets per client). A client that falls this far behind is
    /// disconnected (it syncs fully when it reconnects) rather than let its backlog grow.
    /// </summary>
    public int MaxQueuedFramesPerClient { get; init; } = 65_536;

    /// <summary>How many bytes of packets may wait to be sent to one client; 16 MiB by default. Past it, as above.</summary>
    public long MaxQueuedBytesPerClient { get; init; } = 16L * 1024 * 1024;

    /// <summary>
    /// How many bytes of packets may wait to be sent to all clients together; 256 MiB by default
    /// (sixteen clients' worth of <see cref="MaxQueuedBytesPerClient"/>), so that many slow readers
    /// cannot together hold more memory than this. When a packet would take the total past it, the
    /// client with the largest backlog, the one furthest behind, is disconnected as slow (it syncs
    /// fully when it reconnects), and again until the packet fits; clients that keep up hold little
    /// and are never the ones chosen. A packet broadcast to several clients is counted once for each,
    /// though they share one copy, so the memory really held is at most this.
    /// </summary>
    public long MaxQueuedBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>
    /// How many packets per second each client may send, on average; 2,000 by default, with bursts
    /// of <see cref="PacketBurstPerClient"/>. A packet over the limit is dropped without being relayed
    /// and counted (<see cref="WsServerStatistics.PacketsRateLimited"/>); a client over it for
    /// <see cref="MaxTimeOverRateLimit"/> is disconnected. With <see cref="MaxBytesPerSecondPerClient"/>,
    /// this keeps one client from flooding its room: without it, the receivers' backlogs fill and
    /// the honest receivers are the ones disconnected.
    /// </summary>
    /// <remarks>
    /// An honest synclet sends one message per write, a few per sync (every 30 s by default), and a
    /// large answer in fragments of <see cref="Synclets.Transports.TransportOptions.FragmentSize"/>
    /// (4,096 by default): an initial sync of 100,000 atoms is about 850 packets (3.5 MB) in MessagePack
    /// and 3,700 (15 MB) in JSON, well within the burst. Packets over the limit are dropped, not
    /// delayed, so raise the limit and burst for clients that send more at once (a first sync of a
    /// million atoms in JSON is some 36,000 packets) or write thousands of atoms a second one by one;
    /// <see cref="double.PositiveInfinity"/> (with an infinite burst) turns the limit off.
    /// </remarks>
    public double MaxPacketsPerSecondPerClient { get; init; } = 2_000;

    /// <summary>
    /// How many packets a client may send at once above <see cref="MaxPacketsPerSecondPerClient"/>
    /// (the size of its token bucket, full when it connects); 10,000 by default, more than twice what an
    /// initial sync of 100,000 atoms sends in JSON.
    /// </summary>
    public double PacketBurstPerClient { get; init; } = 10_000;

    /// <summary>
    /// How many bytes per second each client may send, on average; 16 MiB by default, with bursts
    /// of <see cref="ByteBurstPerClient"/>. Over it, as for <see cref="MaxPacketsPerSecondPerClient"/>.
    /// </summary>
    /// <remarks>
    /// Twice what 2,000 packets of 4,096 bytes a second carry, so an honest client streaming full
    /// fragments meets the packet limit first; this one bounds clients sending fewer, larger packets
    /// (up to <see cref="MaxFrameBytes"/> each).
    /// </remarks>
    public double MaxBytesPerSecondPerClient { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// How many bytes a client may send at once above <see cref="MaxBytesPerSecondPerClient"/>; 64 MiB
    /// by default, four times what an initial sync of 100,000 atoms sends in JSON (15 MB). At least
    /// <see cref="MaxFrameBytes"/>, so that the largest packet allowed can pass.
    /// </summary>
    public double ByteBurstPerClient { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// How long a client may keep sending over its rate limit before it is disconnected and counted
    /// (<see cref="WsServerStatistics.FloodersDisconnected"/>); 5 s by default. The time runs from
    /// its first packet dropped for the rate, and starts again once it has gone a second without one.
    /// Honest clients stay within the default limits; this only spares a client that bursts past them
    /// briefly (its dropped packets are repaired by a later sync).
    /// </summary>
    public TimeSpan MaxTimeOverRateLimit { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A client that sends no packet for this long is disconnected; 5 minutes by default, null for
    /// never. Pings do not count, and a synclet with nothing to write still syncs every 30 s by
    /// default (<see cref="SyncletOptions.SyncInterval"/>), so an honest client is never idle this
    /// long; if your clients sync less often, set it well above their interval. Dead connections are
    /// found sooner by <see cref="KeepAliveTimeout"/>; this frees connections that are alive but
    /// silent, held open only to take a place.
    /// </summary>
    public TimeSpan? IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the server pings each client to keep the connection alive; 30 s by default.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the server waits for a ping's answer before it drops a dead client; 30 s by default.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The clock of rate limits, idle timeouts and log summaries; <see cref="System.TimeProvider.System"/>
    /// when null. Tests give a fake one to move time by hand.
    /// </summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Checks that every value is usable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFrameBytes, nameof(MaxFrameBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxClientsPerRoom, nameof(MaxClientsPerRoom));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxClients, nameof(MaxClients));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxRooms, nameof(MaxRooms));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxRoomsCreatedPerClient, nameof(MaxRoomsCreatedPerClient));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RoomCreationWindow, TimeSpan.Zero, nameof(RoomCreationWindow));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxQueuedFramesPerClient, nameof(MaxQueuedFramesPerClient));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxQueuedBytesPerClient, MaxFrameBytes, nameof(MaxQueuedBytesPerClient));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxQueuedBytes, MaxQueuedBytesPerClient, nameof(MaxQueuedBytes));
        ThrowIfNotPositive(MaxPacketsPerSecondPerClient, nameof(MaxPacketsPerSecondPerClient));
        ThrowIfNotPositive(MaxBytesPerSecondPerClient, nameof(MaxBytesPerSecondPerClient));
        ThrowIfBelow(PacketBurstPerClient, 1, nameof(PacketBurstPerClient));
        ThrowIfBelow(ByteBurstPerClient, MaxFrameBytes, nameof(ByteBurstPerClient));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxTimeOverRateLimit, TimeSpan.Zero, nameof(MaxTimeOverRateLimit));
        if (IdleTimeout is { } idle)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idle, TimeSpan.Zero, nameof(IdleTimeout));
        }

        ArgumentNullException.ThrowIfNull(RoomTransportOptions, nameof(RoomTransportOptions));
        RoomTransportOptions.Validate();
    }

    // Written as !(value > 0) so that NaN, which fails every comparison, is refused too.
    private static void ThrowIfNotPositive(double value, string name)
    {
        if (!(value > 0))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }
    }

    // Written as !(value >= minimum) so that NaN, which fails every comparison, is refused too.
    private static void ThrowIfBelow(double value, double minimum, string name)
    {
        if (!(value >= minimum))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {minimum}.");
        }
    }
}

/// <summary>Makes the synclet that stores a room's data on the server; see <see cref="WsServerOptions.CreateRoomSynclet"/>.</summary>
/// <param name="roomId">The room: the part of the URL path the endpoint's <c>room</c> parameter matched.</param>
/// <param name="transport">The transport to give the synclet: it joins the room when the synclet starts.</param>
/// <param name="cancellationToken">Cancelled when the server stops.</param>
/// <returns>The synclet, created but not necessarily started (the server starts it).</returns>
public delegate Task<Synclet> RoomSyncletFactory(string roomId, WsServerTransport transport, CancellationToken cancellationToken);
