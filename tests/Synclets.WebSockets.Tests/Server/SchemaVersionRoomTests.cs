extern alias V1;
extern alias V2;
using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.WebSockets.Client;
using Synclets.WebSockets.Tests.Support;
using NoteV1 = V1::Notes.Note;
using NoteV2 = V2::Notes.Note;
using V1Notes = V1::Notes.NoteSyncletTableExtensions;
using V2Notes = V2::Notes.NoteSyncletTableExtensions;

namespace Synclets.WebSockets.Tests.Server;

/// <summary>
/// Clients on two versions of a record (two generated assemblies) share a room: each keeps the
/// other's column instead of refusing it at every sync, so their trees converge both ways.
/// </summary>
public sealed class SchemaVersionRoomTests
{
    [Fact]
    public async Task Clients_of_two_versions_converge_through_one_room_both_ways()
    {
        await using var server = await Loopback.StartServerAsync();
        await using var v1 = await V1::Notes.NoteSynclet.CreateAsync(Components(server), options: new SyncletOptions { Id = "v1" });
        await using var v2 = await V2::Notes.NoteSynclet.CreateAsync(Components(server), options: new SyncletOptions { Id = "v2" });
        await Task.WhenAll(v1.StartAsync(), v2.StartAsync());

        await V1Notes.SetAsync(v1, new NoteV1("a", "from v1", 5));
        await V2Notes.SetAsync(v2, new NoteV2("b", "from v2", "new"));
        await Eventually.UntilAsync(async () => (await v1.Synclet.GetMetaAsync()).Equals(await v2.Synclet.GetMetaAsync()), "the two versions' trees converge");
        await V1Notes.SetAsync(v1, new NoteV1("b", "edited by v1", 1));
        await V2Notes.SetAsync(v2, new NoteV2("a", "edited by v2", "tagged"));
        await Eventually.UntilAsync(async () => (await v1.Synclet.GetMetaAsync()).Equals(await v2.Synclet.GetMetaAsync()), "both edits cross");

        Assert.Equal(new NoteV1("a", "edited by v2", 5), await V1Notes.GetAsync(v1, "a"));
        Assert.Equal(new NoteV2("b", "edited by v1", "new"), await V2Notes.GetAsync(v2, "b"));
        Assert.Equal("tagged", await v1.Synclet.GetAtomAsync(new Address("a", "Tag")));
        Assert.Equal(1, await v2.Synclet.GetAtomAsync(new Address("b", "Stars")));
        Assert.Equal(0, v1.SchemaRejections);
        Assert.Equal(0, v2.SchemaRejections);
    }

    private static SyncletComponents Components(Synclets.WebSockets.Server.WsServer server) =>
        new(new MemoryDataConnector(2), new MemoryMetaConnector(2), new WsClientTransport(server.RoomUri("notes"), Peers.FastReconnect));
}
