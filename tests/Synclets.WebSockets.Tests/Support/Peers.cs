using Synclets.Connectors.Memory;
using Synclets.Conformance.Support;
using Synclets.Transports;
using Synclets.WebSockets.Client;

namespace Synclets.WebSockets.Tests.Support;

/// <summary>Synclets on memory connectors for the WebSocket tests.</summary>
internal static class Peers
{
    public static readonly WsClientTransportOptions FastReconnect = new()
    {
        ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
    };

    public static Task<Synclet> CreateAsync(string id, Transport transport, int depth = 1) =>
        Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(depth), new MemoryMetaConnector(depth), [transport]),
            options: new SyncletOptions { Id = id });

    public static async Task<Synclet> StartClientAsync(string id, Uri room, WsClientTransportOptions? options = null, int depth = 1)
    {
        var synclet = await CreateAsync(id, new WsClientTransport(room, options ?? FastReconnect), depth);
        await synclet.StartAsync();
        return synclet;
    }

    public static WsClientTransport ClientTransportOf(Synclet synclet) => (WsClientTransport)synclet.Transports[0];

    public static Task HasAsync(Synclet synclet, Address address, Atom? atom) =>
        Eventually.UntilAsync(async () => await synclet.GetAtomAsync(address) == atom, $"{synclet.Id} holds {atom?.ToString() ?? "nothing"} at {address}");
}
