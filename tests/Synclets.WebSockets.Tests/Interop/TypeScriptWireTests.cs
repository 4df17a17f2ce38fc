using System.Net.WebSockets;
using System.Text;
using Synclets.Conformance.Support;
using Synclets.WebSockets.Client;
using Synclets.WebSockets.Tests.Support;
using Synclets.Wire;

namespace Synclets.WebSockets.Tests.Interop;

/// <summary>
/// A peer that speaks only the TypeScript Synclets' text framing, with packets captured from a run
/// of the TypeScript broker (../shared/vectors/protocol-v1.json), syncs with our client through our
/// broker: our JSON mode is what a TypeScript client sends and expects.
/// </summary>
public sealed class TypeScriptWireTests
{
    private static readonly WsClientTransportOptions Json = Peers.FastReconnect with { WireFormat = WireFormat.Json };

    [Fact]
    public async Task A_typescript_style_peer_and_a_dotnet_client_sync_through_the_broker()
    {
        await using var server = await Loopback.StartServerAsync();
        await using var synclet = await Peers.StartClientAsync("dotnet", server.RoomUri("users"), Json, depth: 2);
        await using var typeScriptPeer = await RawPeer.ConnectAsync(server.RoomUri("users"));

        // A write, as the TypeScript peer sends it.
        await typeScriptPeer.SendTextAsync("* ALa0mv59s6n-qUe5 0 1 [1,0,2,[\"users\",\"alice\"],[\"P7LUAu5----F1S3k\",\"Alice A.\"],{}]");
        await Peers.HasAsync(synclet, new Address("users", "alice"), "Alice A.");

        // A request for the same atom: the answer comes back as one text packet in the TypeScript
        // framing. The space in the value is escaped as \u0020, which JSON.parse reads back as a space
        // and which keeps the TypeScript packet parser from splitting inside the value.
        await typeScriptPeer.SendTextAsync("* 1zFdWQ33ovRv7S-k 0 1 [1,0,2,[\"users\",\"alice\"],\"\",{}]");

        // The synclet's start-up sync (its root hash) may reach the peer first, if the peer joined before it went out.
        string[] fields;
        do
        {
            fields = (await typeScriptPeer.ReceiveTextAsync()).Split(' ', 5);
        }
        while (fields[4].StartsWith("[1,0,2,[],", StringComparison.Ordinal));

        Assert.Single(server.GetClientIds("users"), id => id == fields[0]);
        Assert.Matches("^[-0-9A-Za-z_]{16}$", fields[1]);
        Assert.Equal(["0", "1"], fields[2..4]);
        Assert.Equal("[1,0,2,[\"users\",\"alice\"],[\"P7LUAu5----F1S3k\",\"Alice\\u0020A.\"],{}]", fields[4]);
    }

    [Fact]
    public async Task A_dotnet_write_reaches_a_typescript_style_peer_as_one_text_packet()
    {
        await using var server = await Loopback.StartServerAsync();
        await using var synclet = await Peers.StartClientAsync("dotnet", server.RoomUri("users"), Json, depth: 2);
        await using var typeScriptPeer = await RawPeer.ConnectAsync(server.RoomUri("users"));

        await synclet.SetAtomAsync(new Address("users", "bob"), "Bob B.");

        // The synclet's start-up sync may come first; every packet is text either way.
        string[] fields;
        do
        {
            var (type, bytes) = await typeScriptPeer.ReceiveAsync();
            Assert.Equal(WebSocketMessageType.Text, type);
            fields = Encoding.UTF8.GetString(bytes).Split(' ', 5);
        }
        while (!fields[4].Contains("bob"));

        Assert.Equal(["0", "1"], fields[2..4]);
        Assert.Matches("^\\[1,0,2,\\[\"users\",\"bob\"\\],\\[\"[-0-9A-Za-z_]{16}\",\"Bob\\\\u0020B\\.\"\\],\\{\\}\\]$", fields[4]);
    }

    [Fact]
    public async Task Message_pack_mode_travels_in_binary_messages()
    {
        await using var server = await Loopback.StartServerAsync();
        await using var synclet = await Peers.StartClientAsync("dotnet", server.RoomUri("room"));
        await using var observer = await RawPeer.ConnectAsync(server.RoomUri("room"));

        await synclet.SetAtomAsync(new Address("k"), 1);

        Assert.Equal(WebSocketMessageType.Binary, (await observer.ReceiveAsync()).Type);
    }
}
