using Synclets.WebSockets.Server;

namespace Synclets.Benchmarks.WebSockets;

/// <summary>The broker's packet counts at one moment; subtract two to get a run's share.</summary>
internal readonly record struct ServerCounts(long Received, long Delivered, long Dropped, long SlowClientsDisconnected)
{
    public static ServerCounts Of(WsServer server)
    {
        var statistics = server.Statistics;
        return new(statistics.PacketsReceived, statistics.PacketsDelivered, statistics.PacketsDropped, statistics.SlowClientsDisconnected);
    }

    public static ServerCounts operator -(ServerCounts after, ServerCounts before) => new(
        after.Received - before.Received,
        after.Delivered - before.Delivered,
        after.Dropped - before.Dropped,
        after.SlowClientsDisconnected - before.SlowClientsDisconnected);
}
