namespace Synclets.WebSockets.Server;

/// <summary>Running counts of a <see cref="WsServer"/>. Safe to read at any time.</summary>
public sealed class WsServerStatistics
{
    private long _clientsAccepted;
    private long _upgradesRefused;
    private long _roomsRefused;
    private long _packetsReceived;
    private long _packetsDelivered;
    private long _packetsDropped;
    private long _slowClientsDisconnected;

    /// <summary>WebSocket clients that joined a room.</summary>
    public long ClientsAccepted => Interlocked.Read(ref _clientsAccepted);

    /// <summary>Requests refused: not a WebSocket request, unauthorized, forbidden, too many rooms, the room full or not openable, or the server stopping.</summary>
    public long UpgradesRefused => Interlocked.Read(ref _upgradesRefused);

    /// <summary>
    /// Requests refused because they asked for a room that is not open while <see cref="WsServerOptions.MaxRooms"/>
    /// rooms were, or their address had opened <see cref="WsServerOptions.MaxRoomsCreatedPerClient"/> rooms
    /// within the window. Also counted in <see cref="UpgradesRefused"/>.
    /// </summary>
    public long RoomsRefused => Interlocked.Read(ref _roomsRefused);

    /// <summary>Packets that arrived from clients and server synclets.</summary>
    public long PacketsReceived => Interlocked.Read(ref _packetsReceived);

    /// <summary>Packets handed to receivers (a broadcast to n members counts n).</summary>
    public long PacketsDelivered => Interlocked.Read(ref _packetsDelivered);

    /// <summary>Packets thrown away: malformed, over <see cref="WsServerOptions.MaxFrameBytes"/>, or for a peer not in the room.</summary>
    public long PacketsDropped => Interlocked.Read(ref _packetsDropped);

    /// <summary>Clients disconnected because their backlog of unsent packets was full (<see cref="WsServerOptions.MaxQueuedBytesPerClient"/>).</summary>
    public long SlowClientsDisconnected => Interlocked.Read(ref _slowClientsDisconnected);

    internal void CountClientAccepted() => Interlocked.Increment(ref _clientsAccepted);

    internal void CountUpgradeRefused() => Interlocked.Increment(ref _upgradesRefused);

    internal void CountRoomRefused() => Interlocked.Increment(ref _roomsRefused);

    internal void CountPacketReceived() => Interlocked.Increment(ref _packetsReceived);

    internal void CountPacketsDelivered(int count) => Interlocked.Add(ref _packetsDelivered, count);

    internal void CountPacketDropped() => Interlocked.Increment(ref _packetsDropped);

    internal void CountSlowClientDisconnected() => Interlocked.Increment(ref _slowClientsDisconnected);
}
