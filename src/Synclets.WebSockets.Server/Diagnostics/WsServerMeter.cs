using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Synclets.WebSockets.Server.Diagnostics;

/// <summary>
/// The "Synclets.Server" meter. Like the synclets' meter, its instruments are observed: a collection
/// reads the live servers' <see cref="WsServerStatistics"/>, so the counters and the metrics are one
/// truth, and a server nobody listens to pays nothing for them.
/// </summary>
internal static class WsServerMeter
{
    private static readonly Meter Meter = new(WsServerDiagnostics.MeterName);

    // Weak: a server that is never disposed is still collected; disposing only stops its reports sooner.
    private static readonly ConditionalWeakTable<WsServer, object?> Live = [];

    static WsServerMeter()
    {
        Gauge("synclets.server.connections", "{connection}", "WebSocket clients connected now.", server => server.ClientCount);
        Gauge("synclets.server.rooms", "{room}", "Rooms open now (with at least one member on this server).", server => server.RoomCount);
        Meter.CreateObservableGauge("synclets.server.backlog", () => Observe(server => server.Statistics.QueuedBytes), "By", "Bytes of packets waiting to be sent to clients.");
        Counter("synclets.server.connections.accepted", "{connection}", "WebSocket clients that joined a room.", server => server.Statistics.ClientsAccepted);
        Counter("synclets.server.upgrades.refused", "{request}", "Requests refused before becoming a WebSocket (unauthorized, full, stopping).", server => server.Statistics.UpgradesRefused);
        Counter("synclets.server.rooms.refused", "{request}", "Requests for a room that could not be opened (too many rooms, or too many new rooms from one address).", server => server.Statistics.RoomsRefused);
        Counter("synclets.server.frames.received", "{frame}", "Packets received from members.", server => server.Statistics.PacketsReceived);
        Counter("synclets.server.frames.relayed", "{frame}", "Packets handed to a member (one count per receiver).", server => server.Statistics.PacketsDelivered);
        Counter("synclets.server.frames.dropped", "{frame}", "Packets dropped: malformed, oversize, or for a member that is not there.", server => server.Statistics.PacketsDropped);
        Counter("synclets.server.frames.rate_limited", "{frame}", "Packets dropped because their sender was over its rate.", server => server.Statistics.PacketsRateLimited);
        Counter("synclets.server.frames.invalid", "{connection}", "Connections ended by a frame that breaks the WebSocket protocol.", server => server.Statistics.InvalidFrames);
        Meter.CreateObservableCounter("synclets.server.clients.disconnected", ObserveDisconnections, "{connection}", "Clients the server disconnected: too slow to read, flooding, or idle.");
    }

    /// <summary>Makes a server's statistics observable until <see cref="Forget"/>.</summary>
    public static void Track(WsServer server) => Live.AddOrUpdate(server, null);

    public static void Forget(WsServer server) => Live.Remove(server);

    private static WsServer[] Snapshot() => [.. Live.Select(pair => pair.Key)];

    private static IEnumerable<Measurement<long>> Observe(Func<WsServer, long> read) =>
        Snapshot().Select(server => new Measurement<long>(read(server), NameOf(server)));

    private static void Counter(string name, string unit, string description, Func<WsServer, long> read) =>
        Meter.CreateObservableCounter(name, () => Observe(read), unit, description);

    private static void Gauge(string name, string unit, string description, Func<WsServer, long> read) =>
        Meter.CreateObservableUpDownCounter(name, () => Observe(read), unit, description);

    private static IEnumerable<Measurement<long>> ObserveDisconnections()
    {
        foreach (var server in Snapshot())
        {
            var name = NameOf(server)[0];
            yield return new Measurement<long>(server.Statistics.SlowClientsDisconnected, name, new(WsServerDiagnostics.ReasonTag, "slow"));
            yield return new Measurement<long>(server.Statistics.FloodersDisconnected, name, new(WsServerDiagnostics.ReasonTag, "flooding"));
            yield return new Measurement<long>(server.Statistics.IdleClientsDisconnected, name, new(WsServerDiagnostics.ReasonTag, "idle"));
        }
    }

    private static KeyValuePair<string, object?>[] NameOf(WsServer server) => [new(WsServerDiagnostics.NameTag, server.Options.Name)];
}
