using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.Orleans.Tests.Support;
using Synclets.WebSockets.Client;
using Synclets.Wire;

namespace Synclets.Orleans.Tests.Cluster;

/// <summary>
/// A peer that speaks only the TypeScript Synclets' text framing (packets as the TypeScript broker
/// carries them) joins a room on one node and syncs with a .NET JSON client on another, as through one server.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class TypeScriptClientTests(SharedCluster shared)
{
    [Fact]
    public async Task A_typescript_style_peer_on_one_node_syncs_with_a_dotnet_client_on_another()
    {
        var nodes = shared.Cluster.Nodes;
        var roomId = "users-" + Guid.NewGuid().ToString("N");
        var transport = new WsClientTransport(nodes[1].RoomUri(roomId), new WsClientTransportOptions { WireFormat = WireFormat.Json });
        await using var synclet = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(2), [transport]),
            options: new SyncletOptions { Id = "dotnet" });
        await synclet.StartAsync();
        await using var typeScriptPeer = await RawPeer.ConnectAsync(nodes[0].RoomUri(roomId));

        // A write, as the TypeScript peer sends it, crosses to the other node.
        await typeScriptPeer.SendTextAsync("* ALa0mv59s6n-qUe5 0 1 [1,0,2,[\"users\",\"alice\"],[\"P7LUAu5----F1S3k\",\"Alice A.\"],{}]");
        await Eventually.UntilAsync(async () => await synclet.GetAtomAsync(new Address("users", "alice")) == "Alice A.", "the .NET client has the TypeScript peer's write");

        // A request for the same atom: the answer comes back across the nodes as one text packet in the TypeScript framing.
        await typeScriptPeer.SendTextAsync("* 1zFdWQ33ovRv7S-k 0 1 [1,0,2,[\"users\",\"alice\"],\"\",{}]");
        string[] fields;
        do
        {
            fields = (await typeScriptPeer.ReceiveTextAsync()).Split(' ', 5);
        }
        while (fields[4].StartsWith("[1,0,2,[],", StringComparison.Ordinal));

        // The sender is the .NET client's id on its own node: the cluster relays it unchanged.
        Assert.Contains(fields[0], nodes[1].Server.GetClientIds(roomId));
        Assert.Matches("^[-0-9A-Za-z_]{16}$", fields[1]);
        Assert.Equal(["0", "1"], fields[2..4]);
        Assert.Equal("[1,0,2,[\"users\",\"alice\"],[\"P7LUAu5----F1S3k\",\"Alice\\u0020A.\"],{}]", fields[4]);
    }
}
