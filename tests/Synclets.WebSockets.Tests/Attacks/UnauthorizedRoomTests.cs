using System.Diagnostics;
using System.Net;
using Synclets.Conformance.Support;
using Synclets.WebSockets.Server;
using Synclets.WebSockets.Tests.Support;
using Xunit.Abstractions;

namespace Synclets.WebSockets.Tests.Attacks;

/// <summary>A flood of upgrades to new paths without credentials: a path costs nothing until it is authorized.</summary>
public sealed class UnauthorizedRoomTests(ITestOutputHelper output)
{
    private const int Requests = 10_000;
    private const int AtOnce = 8;

    [Fact]
    public async Task Ten_thousand_unauthorized_paths_make_no_room_synclet_and_use_no_room_quota()
    {
        var rooms = new CountingRoomSynclets();
        await using var server = await Loopback.StartServerAsync(new WsServerOptions
        {
            AuthorizeUpgrade = (request, _) => ValueTask.FromResult(
                request.HttpContext.Request.Headers.Authorization == "Bearer good" ? WsUpgradeDecision.Accept : WsUpgradeDecision.Unauthorized),
            CreateRoomSynclet = rooms.CreateAsync,
            MaxRooms = 1,
            MaxRoomsCreatedPerClient = 1,
        });
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler { MaxConnectionsPerServer = AtOnce });
        var statuses = new HttpStatusCode[Requests];
        var clock = Stopwatch.StartNew();

        await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = AtOnce }, async (i, _) =>
            statuses[i] = await RawPeer.StatusOfUpgradeAsync(server.RoomUri($"room {i}"), invoker));

        output.WriteLine($"{Requests} unauthorized upgrades refused in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(0, rooms.Created);
        Assert.Empty(server.GetRoomIds());
        Assert.Equal(Requests, server.Statistics.UpgradesRefused);
        Assert.Equal(0, server.Statistics.RoomsRefused);

        // Refused before admission, they used neither a place under MaxRooms nor the address's quota.
        await using var owner = await RawPeer.ConnectAsync(server.RoomUri("room"), options => options.SetRequestHeader("Authorization", "Bearer good"));
        Assert.Equal(1, rooms.Created);
    }
}
