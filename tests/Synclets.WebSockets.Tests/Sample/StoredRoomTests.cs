using Synclets.Conformance.Support;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Sample;

/// <summary><c>synclets serve --store</c>: a room's data outlives its clients and the server process.</summary>
public sealed class StoredRoomTests
{
    [Fact]
    public async Task A_stored_room_keeps_its_data_for_later_clients_and_after_the_server_is_killed()
    {
        using var directory = new TempDirectory();
        var file = directory.File("rooms.db");
        await using (var server = await ServerProcess.StartAsync("--store", file))
        {
            await using (var writer = await Peers.StartClientAsync("writer", server.RoomUri("team")))
            {
                await writer.SetAtomAsync(new Address("note"), "kept");
                await Eventually.UntilAsync(async () => await StoreFile.AtomCountAsync(file) == 1, "the server stored the atom");
            }

            // Alone in the room, a new client can only get the atom from the server's synclet.
            await using var reader = await Peers.StartClientAsync("reader", server.RoomUri("team"));
            await Peers.HasAsync(reader, new Address("note"), "kept");
        }

        await using var restarted = await ServerProcess.StartAsync("--store", file);
        await using var later = await Peers.StartClientAsync("later", restarted.RoomUri("team"));
        await Peers.HasAsync(later, new Address("note"), "kept");
    }
}
