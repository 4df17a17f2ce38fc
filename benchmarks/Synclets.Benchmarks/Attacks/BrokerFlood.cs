using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using Synclets.Connectors.Memory;
using Synclets.WebSockets.Client;
using Synclets.WebSockets.Server;

namespace Synclets.Benchmarks.Attacks;

/// <summary>
/// Attack 4: in a broker room with two honest clients, a third sends valid tiny packets to everyone
/// as fast as its socket takes them for 10 seconds, reconnecting whenever it is thrown out, while one
/// honest client writes an atom every 10 ms. Who is disconnected, and how long do the honest writes
/// take to arrive?
/// </summary>
internal static class BrokerFlood
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    // ["*", "AAAAAAAA", 0, 1, bin(1)]: one whole, undecodable one-byte message for every member.
    private static readonly byte[] TinyPacket = [0x95, 0xA1, (byte)'*', 0xA8, .. Encoding.ASCII.GetBytes("AAAAAAAA"), 0x00, 0x01, 0xC4, 0x01, 0x00];

    public static async Task<AttackRow> RunAsync()
    {
        await using var server = await WsServer.StartAsync("http://127.0.0.1:0");
        var room = new Uri(server.Url!, "room");
        await using var alice = await StartClientAsync("alice", room);
        await using var bob = await StartClientAsync("bob", room);
        while (server.GetClientIds("room").Count < 2)
        {
            await Task.Delay(10); // waiting for both to join; polled, bounded by their connection
        }

        // Counted from here: both are connected, so any change of state is a lost connection.
        var honestLost = 0;
        foreach (var synclet in new[] { alice, bob })
        {
            ((WsClientTransport)synclet.Transports[0]).StateChanged += (_, _) => Interlocked.Increment(ref honestLost);
        }

        var arrivals = new ConcurrentDictionary<int, long>();
        bob.AtomChanged += (_, change) =>
        {
            if (change.NewAtom is { Kind: AtomKind.Integer } atom)
            {
                arrivals.TryAdd((int)atom.AsInteger(), Stopwatch.GetTimestamp());
            }
        };

        using var stop = new CancellationTokenSource(Duration);
        var flood = Task.Run(() => FloodAsync(room, stop.Token));
        var written = new Dictionary<int, long>();
        var writes = new List<double>();
        for (var write = 0; !stop.IsCancellationRequested; write++)
        {
            var start = Stopwatch.GetTimestamp();
            written[write] = start;
            await alice.SetAtomAsync(new Address("w" + (write % 100)), write);
            writes.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            await Task.Delay(10); // the application's pace, not synchronization
        }

        var (sent, connections) = await flood;
        var deadline = Stopwatch.StartNew();
        while (arrivals.Count < written.Count && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10); // the last writes' arrival, bounded
        }

        var delivery = written.Where(pair => arrivals.ContainsKey(pair.Key))
            .Select(pair => Stopwatch.GetElapsedTime(pair.Value, arrivals[pair.Key]).TotalMilliseconds).Order().ToList();
        writes.Sort();
        var statistics = server.Statistics;
        return new AttackRow(
            4,
            $"one client sends tiny valid packets to its room at full rate for {Duration.TotalSeconds:F0} s, reconnecting when thrown out; an honest client writes every 10 ms",
            $"{sent:N0} packets over {connections} connections; {statistics.PacketsRateLimited:N0} rate-limited, {statistics.FloodersDisconnected} flooder disconnections, " +
            $"{statistics.SlowClientsDisconnected} slow-client disconnections; honest connections lost: {honestLost}; {delivery.Count} of {written.Count} honest writes arrived: " +
            $"p50 {Percentile(delivery, 0.5):F1} ms, p99 {Percentile(delivery, 0.99):F1} ms; local write p99 {Percentile(writes, 0.99):F1} ms");
    }

    private static async Task<Synclet> StartClientAsync(string id, Uri room)
    {
        var transport = new WsClientTransport(room);
        var synclet = await Synclet.CreateAsync(new SyncletComponents(new MemoryDataConnector(1), new MemoryMetaConnector(1), transport), options: new SyncletOptions { Id = id });
        await synclet.StartAsync();
        return synclet;
    }

    private static async Task<(long Sent, int Connections)> FloodAsync(Uri room, CancellationToken stop)
    {
        long sent = 0;
        var connections = 0;
        while (!stop.IsCancellationRequested)
        {
            using var socket = new ClientWebSocket();
            try
            {
                await socket.ConnectAsync(room, stop);
                connections++;
                while (!stop.IsCancellationRequested)
                {
                    await socket.SendAsync(TinyPacket, WebSocketMessageType.Binary, endOfMessage: true, stop);
                    sent++;
                }
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                // Thrown out (or the time is up): come back.
            }
        }

        return (sent, connections);
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
