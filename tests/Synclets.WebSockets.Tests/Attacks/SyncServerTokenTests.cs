using System.Net;
using System.Net.WebSockets;
using Synclets.Conformance.Support;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Attacks;

/// <summary>
/// <c>synclets serve --token</c>: without the secret nobody reads, writes or even opens a room; without
/// <c>--token</c> the server says at start that it is open to anyone.
/// </summary>
public sealed class SyncServerTokenTests
{
    private const string Secret = "correct-horse-battery-staple";
    private const int UnauthorizedRooms = 100;

    [Fact]
    public async Task Without_the_right_token_an_upgrade_is_refused_with_401_and_nothing_is_stored()
    {
        using var directory = new TempDirectory();
        var file = directory.File("rooms.db");
        await using var server = await ServerProcess.StartAsync("--store", file, "--token", Secret);

        Assert.Equal(HttpStatusCode.Unauthorized, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("room")));
        Assert.Equal(HttpStatusCode.Unauthorized, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("room"), Header("Bearer wrong")));
        Assert.Equal(HttpStatusCode.Unauthorized, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("room"), Header($"Bearer {Secret}!")));
        Assert.Equal(HttpStatusCode.Unauthorized, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("room"), Header($"Basic {Secret}")));
        Assert.Equal(HttpStatusCode.Unauthorized, await RawPeer.StatusOfUpgradeAsync(WithQueryToken(server.RoomUri("room"), "wrong")));
        for (var i = 0; i < UnauthorizedRooms; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await RawPeer.StatusOfUpgradeAsync(server.RoomUri($"room {i}"), Header("Bearer wrong")));
        }

        Assert.Equal(0, await StoreFile.TableCountAsync(file));
    }

    [Fact]
    public async Task The_token_in_a_header_or_in_the_query_string_joins_the_room()
    {
        using var directory = new TempDirectory();
        var file = directory.File("rooms.db");
        await using var server = await ServerProcess.StartAsync("--store", file, "--token", Secret);
        var byHeader = Peers.FastReconnect with { ConfigureSocket = Header($"Bearer {Secret}") };

        await using var writer = await Peers.StartClientAsync("writer", server.RoomUri("room"), byHeader);
        await using var reader = await Peers.StartClientAsync("reader", WithQueryToken(server.RoomUri("room"), Secret));
        await writer.SetAtomAsync(new Address("greeting"), "hello");

        // Both are in room "room": the query string is not part of the room id.
        await Peers.HasAsync(reader, new Address("greeting"), "hello");
        Assert.Equal(2, await StoreFile.TableCountAsync(file));
        Assert.Contains(server.Output, line => line.Contains("Room 'room' is stored in tables", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_file_holds_the_token_and_a_server_with_a_token_gives_no_warning()
    {
        using var directory = new TempDirectory();
        var tokenFile = directory.File("token");
        await File.WriteAllTextAsync(tokenFile, Secret + "\n");
        await using var server = await ServerProcess.StartAsync("--token-file", tokenFile);

        Assert.Equal(HttpStatusCode.Unauthorized, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("room")));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("room"), Header($"Bearer {Secret}")));
        Assert.DoesNotContain(server.Output, line => line.Contains("anyone who can reach", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_token_the_server_warns_that_anyone_can_read_and_write_every_room()
    {
        await using var server = await ServerProcess.StartAsync();

        // The warning is logged before Kestrel's "Now listening", which StartAsync waited for.
        Assert.Contains(server.Output, line => line.Contains("warn", StringComparison.Ordinal) && line.Contains("anyone who can reach this server can read, write and delete every room", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await RawPeer.StatusOfUpgradeAsync(server.RoomUri("room")));
    }

    [Fact]
    public async Task A_token_given_twice_or_empty_is_refused_at_start()
    {
        var (twice, twiceOutput) = await ServerProcess.RunToExitAsync("--token", Secret, "--token-file", "token");
        var (empty, emptyOutput) = await ServerProcess.RunToExitAsync("--token", " ");

        Assert.Equal(1, twice);
        Assert.Contains("--token or --token-file, not both", twiceOutput, StringComparison.Ordinal);
        Assert.Equal(1, empty);
        Assert.Contains("--token must not be empty", emptyOutput, StringComparison.Ordinal);
    }

    private static Action<ClientWebSocketOptions> Header(string authorization) =>
        options => options.SetRequestHeader("Authorization", authorization);

    private static Uri WithQueryToken(Uri room, string token) => new($"{room}?token={Uri.EscapeDataString(token)}");
}
