using System.Diagnostics;
using Synclets.Conformance.Support;
using Synclets.WebSockets.Tests.Support;
using Xunit.Abstractions;

namespace Synclets.WebSockets.Tests.Attacks;

/// <summary>
/// Many new rooms on a server that stores them (<c>synclets serve --store</c>): each costs the server a
/// synclet and its tables, so memory must grow by little per room, not by the size of every room
/// ever stored.
/// </summary>
public sealed class StoredRoomMemoryTests(ITestOutputHelper output)
{
    private const int Rooms = 500;
    private const long MaxResidentBytes = 300L * 1024 * 1024;
    private const string Token = "room-memory-test";

    [Fact]
    public async Task Five_hundred_new_stored_rooms_keep_the_server_under_300_MB()
    {
        using var directory = new TempDirectory();
        // Every client comes from 127.0.0.1, so the per-address cap is raised to let one address open them all.
        await using var server = await ServerProcess.StartAsync(
            "--store", directory.File("rooms.db"), "--token", Token, "--max-new-rooms-per-client", $"{Rooms}");
        var peers = new List<RawPeer>(Rooms);
        try
        {
            var clock = Stopwatch.StartNew();
            // An upgrade is answered once the room's synclet has started: its tables exist by then.
            for (var i = 0; i < Rooms; i++)
            {
                peers.Add(await RawPeer.ConnectAsync(server.RoomUri($"room {i}"), options => options.SetRequestHeader("Authorization", $"Bearer {Token}")));
            }

            var resident = server.ResidentBytes();
            output.WriteLine($"{Rooms} stored rooms opened in {clock.Elapsed.TotalSeconds:0.0} s; server resident memory {resident / (1024 * 1024)} MiB");
            Assert.True(resident < MaxResidentBytes, $"{Rooms} stored rooms hold {resident / (1024 * 1024)} MiB of the server's memory; at most {MaxResidentBytes / (1024 * 1024)} MiB expected");
        }
        finally
        {
            foreach (var peer in peers)
            {
                await peer.DisposeAsync();
            }
        }
    }
}
