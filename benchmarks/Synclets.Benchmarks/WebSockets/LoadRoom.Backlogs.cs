namespace Synclets.Benchmarks.WebSockets;

/// <summary>
/// Where the room's packets wait during a run, from the transports' and the broker's counts taken
/// relative to the moment the room went quiet. Read by a sampler every few milliseconds.
/// </summary>
internal sealed partial class LoadRoom
{
    private readonly long[] _packetsSentBefore;
    private readonly long[] _packetsReceivedBefore;
    private readonly long[] _messagesReceivedBefore;
    private ServerCounts _serverCountsBefore;

    /// <summary>
    /// The most packets the other clients have sent one client that it has not read yet: not yet
    /// read by the broker, in its backlog for that client, or in socket buffers. Every packet counts
    /// as a broadcast, as the writes are; the replies of a resync go to single peers and overcount.
    /// </summary>
    public long LargestBacklogToOneClient()
    {
        var sentByAll = 0L;
        for (var client = 0; client < Clients; client++)
        {
            sentByAll += _transports[client].Statistics.PacketsSent - _packetsSentBefore[client];
        }

        var largest = 0L;
        for (var client = 0; client < Clients; client++)
        {
            var statistics = _transports[client].Statistics;
            var sentToIt = sentByAll - (statistics.PacketsSent - _packetsSentBefore[client]);
            largest = Math.Max(largest, sentToIt - (statistics.PacketsReceived - _packetsReceivedBefore[client]));
        }

        return largest;
    }

    /// <summary>
    /// Packets the broker has queued for the clients that they have not read yet, per client: its
    /// backlogs (see <c>WsServerOptions.MaxQueuedFramesPerClient</c>) and the socket buffers
    /// between. A broadcast enters every other client's backlog at once, so they stay close.
    /// </summary>
    public long BrokerBacklogPerClient()
    {
        var received = 0L;
        for (var client = 0; client < Clients; client++)
        {
            received += _transports[client].Statistics.PacketsReceived - _packetsReceivedBefore[client];
        }

        return ((ServerCounts.Of(_server) - _serverCountsBefore).Delivered - received) / Clients;
    }

    /// <summary>
    /// The most received messages waiting in one client synclet's queue (see
    /// <c>SyncletOptions.MaxQueuedMessages</c>): each message of the run carries one atom.
    /// </summary>
    public long LargestSyncletQueue()
    {
        var largest = 0L;
        for (var client = 0; client < Clients; client++)
        {
            var received = _transports[client].Statistics.MessagesReceived - _messagesReceivedBefore[client];
            largest = Math.Max(largest, received - Log.DeliveredTo(client));
        }

        return largest;
    }

    private void TakeBaselines()
    {
        _serverCountsBefore = ServerCounts.Of(_server);
        for (var client = 0; client < Clients; client++)
        {
            var statistics = _transports[client].Statistics;
            _packetsSentBefore[client] = statistics.PacketsSent;
            _packetsReceivedBefore[client] = statistics.PacketsReceived;
            _messagesReceivedBefore[client] = statistics.MessagesReceived;
        }
    }
}
