using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.WebSockets.Server;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Inspector;

/// <summary>
/// The inspector's data requests: each room is shown only to whom the upgrade hook lets in, every
/// answer is bounded and well-formed whatever the ids hold, and the live feed is bounded too.
/// </summary>
public sealed class InspectorApiTests : IAsyncLifetime
{
    private const string Secret = "secret";
    private const string Viewer = "viewer";
    private const string Hidden = "hidden-room";
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Loopback.AnyPort);
        builder.Services.AddSyncletServer(new WsServerOptions
        {
            // The clients' token lets in every room; the viewer's, every room but one.
            AuthorizeUpgrade = (request, _) => ValueTask.FromResult(request.HttpContext.Request.Query["token"].ToString() switch
            {
                Secret => WsUpgradeDecision.Accept,
                Viewer => request.RoomId == Hidden ? WsUpgradeDecision.Forbidden : WsUpgradeDecision.Accept,
                _ => WsUpgradeDecision.Unauthorized,
            }),
            CreateRoomSynclet = (roomId, transport, cancellationToken) => roomId.StartsWith("stored", StringComparison.Ordinal)
                ? Synclet.CreateAsync(new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(2), transport), cancellationToken: cancellationToken)
                : Synclet.CreateAsync(new SyncletComponents(null, null, [transport]), cancellationToken: cancellationToken),
        });
        _app = builder.Build();
        _app.MapSyncletInspector();
        _app.MapSyncletServer("/{**room}");
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _base = new Uri(address + "/");
        _http = new HttpClient { BaseAddress = _base };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_overview_lists_the_rooms_the_request_may_join_and_their_clients()
    {
        await using var stored = await ClientAsync("stored-a");
        await using var relayed = await ClientAsync("relayed \"quoted\" <b>");
        await using var hidden = await ClientAsync(Hidden, depth: 2);

        using var overview = await GetJsonAsync("_synclets/api/overview");

        var rooms = overview.RootElement.GetProperty("rooms").EnumerateArray().ToList();
        Assert.Equal(["relayed \"quoted\" <b>", "stored-a"], rooms.Select(room => room.GetProperty("id").GetString()));
        Assert.Equal(3, overview.RootElement.GetProperty("roomCount").GetInt32());
        Assert.All(rooms, room => Assert.Equal(1, room.GetProperty("clients").GetArrayLength()));
        Assert.Equal(JsonValueKind.Object, rooms[1].GetProperty("stored").ValueKind);
        Assert.False(rooms[0].TryGetProperty("stored", out _));
        Assert.Equal(3, overview.RootElement.GetProperty("counters").GetProperty("clients").GetInt32());
    }

    [Fact]
    public async Task A_forbidden_room_gets_403_and_nothing_else()
    {
        await using var hidden = await ClientAsync(Hidden, depth: 2);

        foreach (var path in new[] { $"_synclets/api/tree?room={Hidden}&token={Viewer}", $"_synclets/api/feed?room={Hidden}&token={Viewer}" })
        {
            using var response = await _http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task The_tree_is_listed_a_page_at_a_time()
    {
        await using var client = await ClientAsync("stored-paged");
        await client.SetAtomsAsync(Enumerable.Range(0, 250).Select(i => KeyValuePair.Create(new Address("rows", $"r{i:000}"), (Atom?)i)));
        await client.DelAtomAsync(new Address("rows", "r000"));
        var server = _app.Services.GetRequiredService<WsServer>();
        await Eventually.UntilAsync(
            async () => (await server.GetRoomSynclet("stored-paged")!.GetDataAsync()).Leaves().Count() == 249, "the room synclet has the rows");

        using var root = await GetJsonAsync("_synclets/api/tree?room=stored-paged");
        var parent = Assert.Single(root.RootElement.GetProperty("children").EnumerateArray());
        Assert.False(parent.GetProperty("leaf").GetBoolean());
        Assert.Matches("^[0-9a-f]{8}$", parent.GetProperty("hash").GetString());

        using var first = await GetJsonAsync("_synclets/api/tree?room=stored-paged&id=rows");
        var leaves = first.RootElement.GetProperty("children").EnumerateArray().ToList();
        Assert.Equal(200, leaves.Count);
        Assert.True(first.RootElement.GetProperty("hasMore").GetBoolean());
        Assert.True(leaves[0].GetProperty("deleted").GetBoolean());
        Assert.Equal(1, leaves[1].GetProperty("value").GetInt32());
        Assert.Equal(16, leaves[1].GetProperty("timestamp").GetString()!.Length);
        Assert.True(leaves[1].TryGetProperty("time", out _));

        using var second = await GetJsonAsync("_synclets/api/tree?room=stored-paged&id=rows&after=r199");
        Assert.Equal(50, second.RootElement.GetProperty("children").GetArrayLength());
        Assert.False(second.RootElement.GetProperty("hasMore").GetBoolean());
    }

    [Theory]
    [InlineData("_synclets/api/tree?room=relayed", HttpStatusCode.NotFound)]
    [InlineData("_synclets/api/tree?room=stored-deep&id=a&id=b", HttpStatusCode.BadRequest)]
    [InlineData("_synclets/api/tree?room=nowhere", HttpStatusCode.NotFound)]
    [InlineData("_synclets/api/feed?room=relayed", HttpStatusCode.NotFound)]
    public async Task A_request_the_room_cannot_answer_is_a_clear_error(string path, HttpStatusCode status)
    {
        await using var relayed = await ClientAsync("relayed");
        await using var deep = await ClientAsync("stored-deep");

        using var response = await _http.GetAsync($"{path}&token={Viewer}");

        Assert.Equal(status, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task The_feed_sends_each_change_and_admits_a_bounded_number_of_viewers()
    {
        await using var client = await ClientAsync("stored-feed");
        var feeds = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < 32; i++)
            {
                var feed = await _http.GetAsync($"_synclets/api/feed?room=stored-feed&token={Viewer}", HttpCompletionOption.ResponseHeadersRead);
                Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
                feeds.Add(feed);
            }

            using var refused = await _http.GetAsync($"_synclets/api/feed?room=stored-feed&token={Viewer}", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);

            using var reader = new StreamReader(await feeds[0].Content.ReadAsStreamAsync());
            await client.SetAtomAsync(new Address("notes", "n1"), "hello");
            string? line;
            do
            {
                line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            while (line is not null && !line.StartsWith("data: ", StringComparison.Ordinal));

            using var change = JsonDocument.Parse(line!["data: ".Length..]);
            Assert.Equal(["notes", "n1"], change.RootElement.GetProperty("address").EnumerateArray().Select(id => id.GetString()));
            Assert.Equal("hello", change.RootElement.GetProperty("value").GetString());
            Assert.Equal("remote", change.RootElement.GetProperty("origin").GetString());
        }
        finally
        {
            feeds.ForEach(feed => feed.Dispose());
        }
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await _http.GetAsync($"{path}{(path.Contains('?') ? '&' : '?')}token={Viewer}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private async Task<Synclet> ClientAsync(string room, int depth = 2)
    {
        var uri = new Uri($"ws://{_base.Authority}/{Uri.EscapeDataString(room)}?token={Secret}");
        var client = await Peers.StartClientAsync(Guid.NewGuid().ToString("N"), uri, depth: depth);
        await Eventually.UntilAsync(
            () => Task.FromResult(_app.Services.GetRequiredService<WsServer>().GetClients(room).Count > 0), $"{room} has its client");
        return client;
    }
}
