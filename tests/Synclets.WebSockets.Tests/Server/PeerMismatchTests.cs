using System.Collections.Concurrent;
using Synclets.Conformance.Support;
using Synclets.WebSockets.Client;
using Synclets.WebSockets.Tests.Support;
using Synclets.Wire;

namespace Synclets.WebSockets.Tests.Server;

/// <summary>
/// Clients of one room set up differently are told so on both sides, through the broker and with no
/// logger: the misconfigured client learns it from the others' messages as they learn it from its.
/// A client is named by the id the broker gave it (made by the broker, so no client can claim another's).
/// </summary>
public sealed class PeerMismatchTests
{
    [Fact]
    public async Task A_JSON_client_and_a_MessagePack_client_of_one_room_each_name_the_others_format()
    {
        await using var server = await Loopback.StartServerAsync();
        var (json, jsonEvents) = await StartWatchedAsync("json-client", server.RoomUri("room"), Peers.FastReconnect with { WireFormat = WireFormat.Json });
        await using var _ = json;
        var (pack, packEvents) = await StartWatchedAsync("pack-client", server.RoomUri("room"), Peers.FastReconnect with { WireFormat = WireFormat.MessagePack });
        await using var __ = pack;

        await json.SetAtomAsync(new Address("a"), 1);
        await pack.SetAtomAsync(new Address("b"), 2);
        await Eventually.UntilAsync(() => Task.FromResult(!jsonEvents.IsEmpty && !packEvents.IsEmpty), "both clients report the other");

        var atJson = Assert.Single(jsonEvents);
        Assert.Equal((PeerMismatchKind.WireFormat, "MessagePack", "JSON"), (atJson.Kind, atJson.Theirs, atJson.Ours));
        var atPack = Assert.Single(packEvents);
        Assert.Equal((PeerMismatchKind.WireFormat, "JSON", "MessagePack"), (atPack.Kind, atPack.Theirs, atPack.Ours));
        Assert.Equal(server.GetClientIds("room").Order(), new[] { atJson.Peer, atPack.Peer }.Order());   // each names the other
    }

    [Fact]
    public async Task Clients_of_depth_2_and_3_in_one_room_each_name_the_others_depth()
    {
        await using var server = await Loopback.StartServerAsync();
        var (shallow, shallowEvents) = await StartWatchedAsync("shallow", server.RoomUri("room"), Peers.FastReconnect, depth: 2);
        await using var _ = shallow;
        var (deep, deepEvents) = await StartWatchedAsync("deep", server.RoomUri("room"), Peers.FastReconnect, depth: 3);
        await using var __ = deep;

        await shallow.SetAtomAsync(new Address("t", "r"), 1);
        await deep.SetAtomAsync(new Address("t", "r", "c"), 2);
        await Eventually.UntilAsync(() => Task.FromResult(!shallowEvents.IsEmpty && !deepEvents.IsEmpty), "both clients report the other");

        var atShallow = Assert.Single(shallowEvents);
        Assert.Equal($"Peer '{atShallow.Peer}' has depth 3; this synclet has depth 2. Their messages are refused: peers that sync need trees (connectors, schemas) of the same depth.", atShallow.Message);
        var atDeep = Assert.Single(deepEvents);
        Assert.Equal((PeerMismatchKind.Depth, "2", "3"), (atDeep.Kind, atDeep.Theirs, atDeep.Ours));
        Assert.Equal(server.GetClientIds("room").Order(), new[] { atShallow.Peer, atDeep.Peer }.Order());
    }

    private static async Task<(Synclet Synclet, ConcurrentQueue<PeerMismatchEventArgs> Events)> StartWatchedAsync(string id, Uri room, WsClientTransportOptions options, int depth = 1)
    {
        var synclet = await Peers.CreateAsync(id, new WsClientTransport(room, options), depth);
        var events = new ConcurrentQueue<PeerMismatchEventArgs>();
        synclet.PeerMismatch += (_, mismatch) => events.Enqueue(mismatch);
        await synclet.StartAsync();
        return (synclet, events);
    }
}
