using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.WebSockets.Client;
using Synclets.Wire;

namespace Synclets.Orleans.Tests.Support;

/// <summary>
/// Client synclets of one room, spread over a cluster's nodes: client i starts at node i and has the
/// others as its next addresses, as a client given every node's address would.
/// </summary>
internal sealed class RoomClients : IAsyncDisposable
{
    private readonly List<Synclet> _synclets = [];

    private RoomClients()
    {
    }

    public IReadOnlyList<Synclet> Synclets => _synclets;

    /// <summary>
    /// Starts <paramref name="count"/> clients and waits until each is connected. They sync every
    /// second: the repair that a moved room relies on for what was on its way when a node died.
    /// </summary>
    public static Task<RoomClients> StartAsync(IReadOnlyList<ClusterNode> nodes, string roomId, int count, WireFormat format) =>
        StartAsync([.. nodes.Select(node => node.RoomUri(roomId))], count, format);

    /// <summary>Starts <paramref name="count"/> clients of the room at <paramref name="rooms"/> (one address per node), as above.</summary>
    public static async Task<RoomClients> StartAsync(IReadOnlyList<Uri> rooms, int count, WireFormat format, string idPrefix = "client")
    {
        var clients = new RoomClients();
        for (var i = 0; i < count; i++)
        {
            var uris = Enumerable.Range(0, rooms.Count).Select(k => rooms[(i + k) % rooms.Count]);
            var transport = new WsClientTransport(uris, new WsClientTransportOptions
            {
                WireFormat = format,
                ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
                ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
            });
            var synclet = await Synclet.CreateAsync(
                new SyncletComponents(new MemoryDataConnector(1), new MemoryMetaConnector(1), [transport]),
                options: new SyncletOptions { Id = $"{idPrefix}{i}", SyncInterval = TimeSpan.FromSeconds(1) });
            clients._synclets.Add(synclet);
            await synclet.StartAsync();
        }

        foreach (var synclet in clients._synclets)
        {
            var transport = (WsClientTransport)synclet.Transports[0];
            await Eventually.UntilAsync(() => Task.FromResult(transport.State == WsConnectionState.Open), $"{synclet.Id} is connected");
        }

        return clients;
    }

    /// <summary>Each client writes <paramref name="count"/> atoms of its own, named by client and number from <paramref name="first"/>.</summary>
    public Task WriteAsync(int first, int count) => Task.WhenAll(_synclets.Select(async synclet =>
    {
        for (var n = first; n < first + count; n++)
        {
            await synclet.SetAtomAsync(new Address($"{synclet.Id}-{n}"), n);
        }
    }));

    /// <summary>Waits until every client holds every atom every client wrote (numbers 0 to <paramref name="count"/> − 1).</summary>
    public Task ConvergedAsync(int count, TimeSpan timeout) => Eventually.UntilAsync(
        async () =>
        {
            foreach (var reader in _synclets)
            {
                foreach (var writer in _synclets)
                {
                    for (var n = 0; n < count; n++)
                    {
                        if (await reader.GetAtomAsync(new Address($"{writer.Id}-{n}")) != n)
                        {
                            return false;
                        }
                    }
                }
            }

            return true;
        },
        $"every client holds the {count} atoms of each of {_synclets.Count} clients",
        timeout);

    public async ValueTask DisposeAsync()
    {
        foreach (var synclet in _synclets)
        {
            await synclet.DisposeAsync();
        }
    }
}
