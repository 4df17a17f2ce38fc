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
    private long _packetsRateLimited;
    private long _floodersDisconnected;
    private long _invalidFrames;
    private long _idleClientsDisconnected;
    private long _queuedBytes;
    private long _peakQueuedBytes;

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

    /// <summary>
    /// Clients disconnected because their backlog of unsent packets was full
    /// (<see cref="WsServerOptions.MaxQueuedBytesPerClient"/>, <see cref="WsServerOptions.MaxQueuedFramesPerClient"/>),
    /// or was the largest when all backlogs together reached <see cref="WsServerOptions.MaxQueuedBytes"/>.
    /// </summary>
    public long SlowClientsDisconnected => Interlocked.Read(ref _slowClientsDisconnected);

    /// <summary>
    /// Packets from clients over their rate limits (<see cref="WsServerOptions.MaxPacketsPerSecondPerClient"/>,
    /// <see cref="WsServerOptions.MaxBytesPerSecondPerClient"/>), dropped without being parsed or
    /// relayed; they are in neither <see cref="PacketsReceived"/> nor <see cref="PacketsDropped"/>.
    /// </summary>
    public long PacketsRateLimited => Interlocked.Read(ref _packetsRateLimited);

    /// <summary>Clients disconnected for staying over their rate limits longer than <see cref="WsServerOptions.MaxTimeOverRateLimit"/>.</summary>
    public long FloodersDisconnected => Interlocked.Read(ref _floodersDisconnected);

    /// <summary>
    /// Connections ended by a frame that breaks the WebSocket protocol: a text message that is not
    /// UTF-8, an unknown opcode, reserved bits set, and the like (the socket closes itself on one).
    /// </summary>
    public long InvalidFrames => Interlocked.Read(ref _invalidFrames);

    /// <summary>Clients disconnected for sending nothing for <see cref="WsServerOptions.IdleTimeout"/>.</summary>
    public long IdleClientsDisconnected => Interlocked.Read(ref _idleClientsDisconnected);

    /// <summary>
    /// Bytes of packets now waiting to be sent to clients, all backlogs together; never more than
    /// <see cref="WsServerOptions.MaxQueuedBytes"/>. A gauge: it goes down as packets are sent.
    /// </summary>
    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    /// <summary>The most <see cref="QueuedBytes"/> has been since the server started: how close it came to <see cref="WsServerOptions.MaxQueuedBytes"/>.</summary>
    public long PeakQueuedBytes => Interlocked.Read(ref _peakQueuedBytes);

    internal void CountClientAccepted() => Interlocked.Increment(ref _clientsAccepted);

    internal void CountUpgradeRefused() => Interlocked.Increment(ref _upgradesRefused);

    internal void CountRoomRefused() => Interlocked.Increment(ref _roomsRefused);

    internal void CountPacketReceived() => Interlocked.Increment(ref _packetsReceived);

    internal void CountPacketsDelivered(int count) => Interlocked.Add(ref _packetsDelivered, count);

    internal void CountPacketDropped() => Interlocked.Increment(ref _packetsDropped);

    internal void CountPacketsDropped(int count) => Interlocked.Add(ref _packetsDropped, count);

    internal void CountSlowClientDisconnected() => Interlocked.Increment(ref _slowClientsDisconnected);

    internal void CountPacketRateLimited() => Interlocked.Increment(ref _packetsRateLimited);

    internal void CountFlooderDisconnected() => Interlocked.Increment(ref _floodersDisconnected);

    internal void CountInvalidFrame() => Interlocked.Increment(ref _invalidFrames);

    internal void CountIdleClientDisconnected() => Interlocked.Increment(ref _idleClientsDisconnected);

    /// <summary>Adds <paramref name="bytes"/> to <see cref="QueuedBytes"/> unless that would take it past <paramref name="max"/>.</summary>
    internal bool TryReserveQueuedBytes(long bytes, long max)
    {
        var queued = Interlocked.Read(ref _queuedBytes);
        while (true)
        {
            if (queued + bytes > max)
            {
                return false;
            }

            var seen = Interlocked.CompareExchange(ref _queuedBytes, queued + bytes, queued);
            if (seen == queued)
            {
                RaisePeak(queued + bytes);
                return true;
            }

            queued = seen;
        }
    }

    internal void ReleaseQueuedBytes(long bytes) => Interlocked.Add(ref _queuedBytes, -bytes);

    private void RaisePeak(long queued)
    {
        var peak = Interlocked.Read(ref _peakQueuedBytes);
        while (queued > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peakQueuedBytes, queued, peak);
            if (seen == peak)
            {
                return;
            }

            peak = seen;
        }
    }
}
