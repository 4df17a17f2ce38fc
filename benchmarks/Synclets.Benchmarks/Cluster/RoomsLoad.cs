using System.Diagnostics;
using Synclets.Benchmarks.WebSockets;
using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.WebSockets.Client;
using Synclets.Wire;

namespace Synclets.Benchmarks.Cluster;

/// <summary>
/// Many rooms of a few clients each, the clients of every room spread over the nodes in turn; every
/// client writes its own atoms (as in the one-room load test: <c>[client, row, col]</c>, the value
/// the atom's index in its room), and every other client of its room receives them.
/// </summary>
internal sealed class RoomsLoad : IAsyncDisposable
{
    private readonly Room[] _rooms;

    private RoomsLoad(Room[] rooms) => _rooms = rooms;

    public long Delivered => _rooms.Sum(room => room.Log.Delivered);

    public long ExpectedDeliveries => _rooms.Sum(room => room.Log.ExpectedDeliveries);

    public int ConnectionLosses => _rooms.Sum(room => room.Losses.Losses);

    /// <summary>Connects <paramref name="rooms"/> rooms of <paramref name="clients"/> clients, client k of room r on node (r·clients + k) mod nodes, and waits until all are open.</summary>
    public static async Task<RoomsLoad> ConnectAsync(IReadOnlyList<ServerProcess> nodes, string prefix, int rooms, int clients, int atomsPerClient, WireFormat format)
    {
        var load = new RoomsLoad(new Room[rooms]);
        for (var r = 0; r < rooms; r++)
        {
            var transports = new WsClientTransport[clients];
            var synclets = new Synclet[clients];
            for (var c = 0; c < clients; c++)
            {
                var node = nodes[(r * clients + c) % nodes.Count];
                transports[c] = new WsClientTransport(node.RoomUri($"{prefix}-{r}"), new WsClientTransportOptions { WireFormat = format });
                synclets[c] = await Synclet.CreateAsync(
                    new SyncletComponents(new MemoryDataConnector(LoadRoom.Depth), new MemoryMetaConnector(LoadRoom.Depth), transports[c]),
                    options: new SyncletOptions { Id = "client" + c });
            }

            load._rooms[r] = new Room(synclets, transports, atomsPerClient);
        }

        await Task.WhenAll(load._rooms.SelectMany(room => room.Synclets).Select(synclet => synclet.StartAsync()));
        await WaitUntilAsync(() => load._rooms.All(room => room.Transports.All(transport => transport.State == WsConnectionState.Open)), TimeSpan.FromSeconds(120), "every client connects");
        foreach (var room in load._rooms)
        {
            room.Losses.Reset();
        }

        return load;
    }

    /// <summary>
    /// Lets the start-up syncs go by: each synclet's queue works through what it received before a read
    /// returns. Nothing is written after start, so a second pass finds nothing new to wait for.
    /// </summary>
    public Task SettleAsync() => Task.WhenAll(_rooms.SelectMany(room => room.Synclets).Select(synclet => synclet.GetAtomAsync(new Address("client0", "row0", "col0"))));

    /// <summary>Every client of every room writes its atoms at once; the time from the first write to the last delivery.</summary>
    public async Task<TimeSpan> WriteUntilDeliveredAsync(TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        var writers = _rooms.SelectMany(room => Enumerable.Range(0, room.Synclets.Length).Select(client => Task.Run(() => room.WriteAsync(client)))).ToArray();
        await Task.WhenAll(_rooms.Select(room => room.Log.AllDelivered)).WaitAsync(timeout);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await Task.WhenAll(writers);
        return elapsed;
    }

    /// <summary>Every delivery's latency in milliseconds, sorted.</summary>
    public double[] SortedLatencyMilliseconds()
    {
        var all = _rooms.SelectMany(room => room.Log.SortedLatencies()).Select(ticks => ticks * 1000.0 / Stopwatch.Frequency).ToArray();
        Array.Sort(all);
        return all;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var room in _rooms.Where(room => room is not null))
        {
            room.Losses.Dispose();
        }

        await Task.WhenAll(_rooms.Where(room => room is not null).SelectMany(room => room.Synclets).Select(synclet => synclet.DisposeAsync().AsTask()));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:F0} s for {what}.");
            }

            await Task.Delay(20);
        }
    }

    private sealed class Room
    {
        private readonly Address[] _addresses;

        public Room(Synclet[] synclets, WsClientTransport[] transports, int atomsPerClient)
        {
            (Synclets, Transports, AtomsPerClient) = (synclets, transports, atomsPerClient);
            _addresses = LoadRoom.AddressesOf(synclets.Length, atomsPerClient);

            Log = new DeliveryLog(synclets.Length, atomsPerClient);
            for (var client = 0; client < synclets.Length; client++)
            {
                Log.Listen(synclets[client], client);
            }

            Losses = new ConnectionLossCounter(transports);
        }

        public Synclet[] Synclets { get; }

        public WsClientTransport[] Transports { get; }

        public int AtomsPerClient { get; }

        public DeliveryLog Log { get; }

        public ConnectionLossCounter Losses { get; }

        public async Task WriteAsync(int client)
        {
            for (var atom = client * AtomsPerClient; atom < (client + 1) * AtomsPerClient; atom++)
            {
                Log.RecordWrite(atom);
                await Synclets[client].SetAtomAsync(_addresses[atom], atom);
            }
        }
    }
}
