using System.Diagnostics;
using Synclets.Connectors.Memory;
using Synclets.WebSockets.Client;
using Synclets.WebSockets.Server;
using Synclets.Wire;

namespace Synclets.Benchmarks.WebSockets;

/// <summary>
/// Many synclets connected to one room of a broker, each about to write its own atoms. Trees have
/// depth 3: client <c>c</c> writes <c>[client{c}, row{0..9}, col{0..9}]</c>, so no two clients
/// write the same atom and every client ends holding all of them. An atom's value is its index
/// across the room, which lets a receiver find its write time without parsing the address.
/// </summary>
internal sealed partial class LoadRoom : IAsyncDisposable
{
    public const int Depth = 3;
    private const int ColumnsPerRow = 10;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    private readonly WsServer _server;
    private readonly Synclet[] _synclets;
    private readonly WsClientTransport[] _transports;
    private readonly Address[] _addresses;
    private readonly ConnectionLossCounter _losses;

    private LoadRoom(WsServer server, Synclet[] synclets, WsClientTransport[] transports, int atomsPerClient)
    {
        _server = server;
        _synclets = synclets;
        _transports = transports;
        AtomsPerClient = atomsPerClient;
        _addresses = AddressesOf(synclets.Length, atomsPerClient);

        Log = new DeliveryLog(synclets.Length, atomsPerClient);
        for (var client = 0; client < synclets.Length; client++)
        {
            Log.Listen(synclets[client], client);
        }

        _losses = new ConnectionLossCounter(transports);
        (_packetsSentBefore, _packetsReceivedBefore, _messagesReceivedBefore) = (new long[Clients], new long[Clients], new long[Clients]);
        _serverCountsBefore = ServerCounts.Of(server);
    }

    public DeliveryLog Log { get; }

    /// <summary>Every atom's address, by its index across the room: client <c>c</c>'s atoms are <c>[client{c}, row{0..}, col{0..9}]</c>.</summary>
    public static Address[] AddressesOf(int clients, int atomsPerClient)
    {
        var addresses = new Address[clients * atomsPerClient];
        for (var atom = 0; atom < addresses.Length; atom++)
        {
            var column = atom % atomsPerClient;
            addresses[atom] = new Address("client" + atom / atomsPerClient, "row" + column / ColumnsPerRow, "col" + column % ColumnsPerRow);
        }

        return addresses;
    }

    public int Clients => _synclets.Length;

    public int AtomsPerClient { get; }

    /// <summary>Connections that dropped after opening; each costs a reconnection and a full sync.</summary>
    public int ConnectionLosses => _losses.Losses;

    /// <summary>Received messages the clients' synclets dropped because their processing queue was full.</summary>
    public long QueueOverflows => _synclets.Sum(synclet => synclet.Statistics.MessagesOverflowed);

    /// <summary>
    /// Starts <paramref name="clients"/> synclets in room <paramref name="roomId"/>, waits until every
    /// connection is open, then until the start-up syncs have been relayed and processed, so the
    /// room is quiet when the writes begin.
    /// </summary>
    public static async Task<LoadRoom> ConnectAsync(WsServer server, string roomId, WireFormat format, int clients, int atomsPerClient)
    {
        var uri = new Uri(server.Url!, Uri.EscapeDataString(roomId));
        var synclets = new Synclet[clients];
        var transports = new WsClientTransport[clients];
        for (var client = 0; client < clients; client++)
        {
            transports[client] = new WsClientTransport(uri, new WsClientTransportOptions { WireFormat = format });
            synclets[client] = await Synclet.CreateAsync(
                new SyncletComponents(new MemoryDataConnector(Depth), new MemoryMetaConnector(Depth), transports[client]),
                options: new SyncletOptions { Id = "client" + client });
        }

        // Created before the synclets start, so it sees the broker's counts before their start-up syncs.
        var room = new LoadRoom(server, synclets, transports, atomsPerClient);
        try
        {
            await Task.WhenAll(synclets.Select(synclet => synclet.StartAsync()));
            await room.WaitUntilAsync(() => transports.All(transport => transport.State == WsConnectionState.Open), "every client connects");
            await room.WaitUntilQuietAsync();
            room.TakeBaselines();
            room._losses.Reset();
            return room;
        }
        catch
        {
            await room.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Every client writes its atoms, one <c>SetAtomAsync</c> (so one message) each, all clients at
    /// once; completes when every client has received every other client's atoms.
    /// </summary>
    /// <returns>The time from the first write to the last delivery.</returns>
    /// <exception cref="TimeoutException">Not everything arrived within <paramref name="timeout"/>; the message says what did.</exception>
    public async Task<TimeSpan> WriteUntilDeliveredAsync(TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        var writers = new Task[_synclets.Length];
        for (var client = 0; client < writers.Length; client++)
        {
            var writer = client;
            writers[client] = Task.Run(() => WriteOwnAtomsAsync(writer));
        }

        try
        {
            await Log.AllDelivered.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"After {timeout.TotalSeconds:F0} s: {Describe()}");
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        await Task.WhenAll(writers);
        return elapsed;
    }

    /// <summary>A weak reference to one client synclet, to tell when a disposed room has been collected.</summary>
    public WeakReference TrackCollection() => new(_synclets[0]);

    /// <summary>
    /// Waits (10 s at most) until a disposed room's clients are garbage: they stay reachable for a
    /// moment after their sockets close, and the next run would otherwise start with their
    /// 300-odd MB still live, measuring its memory against them and collecting them mid-run.
    /// </summary>
    public static async Task WaitUntilCollectedAsync(WeakReference clients)
    {
        var deadline = Stopwatch.GetTimestamp() + 10 * Stopwatch.Frequency;
        while (clients.IsAlive && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(PollInterval);
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    /// <summary>What arrived, for a run that did not finish.</summary>
    public string Describe()
    {
        var server = ServerCounts.Of(_server) - _serverCountsBefore;
        return $"{Log.Delivered:N0} of {Log.ExpectedDeliveries:N0} deliveries, {Log.ReceiversComplete} of {Clients} clients complete; " +
               $"broker: {server.Received:N0} packets received, {server.Delivered:N0} delivered, {server.Dropped:N0} dropped, " +
               $"{server.SlowClientsDisconnected} slow clients disconnected; clients: {ConnectionLosses} connections lost, {QueueOverflows:N0} queue overflows";
    }

    public async ValueTask DisposeAsync()
    {
        _losses.Dispose();
        await Task.WhenAll(_synclets.Select(synclet => synclet.DisposeAsync().AsTask()));
    }

    private async Task WriteOwnAtomsAsync(int client)
    {
        var synclet = _synclets[client];
        var first = client * AtomsPerClient;
        for (var atom = first; atom < first + AtomsPerClient; atom++)
        {
            Log.RecordWrite(atom);
            await synclet.SetAtomAsync(_addresses[atom], atom);
        }
    }

    /// <summary>
    /// Each client announced its (empty) tree on start. Waits until the broker has relayed those
    /// announcements, the clients have received them, and each synclet's queue has worked through
    /// them (a read queues behind everything received before it).
    /// </summary>
    private async Task WaitUntilQuietAsync()
    {
        await WaitUntilAsync(
            () =>
            {
                var server = ServerCounts.Of(_server) - _serverCountsBefore;
                return server.Received >= Clients && _transports.Sum(transport => transport.Statistics.PacketsReceived) == server.Delivered;
            },
            "the start-up syncs are relayed");
        await Task.WhenAll(_synclets.Select(synclet => synclet.GetAtomAsync(_addresses[0])));
    }

    private async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(ConnectTimeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Waited {ConnectTimeout.TotalSeconds:F0} s for {what}: {Describe()}");
            }

            await Task.Delay(PollInterval);
        }
    }
}
