using Microsoft.Playwright;
using Synclets.Browser.Tests.Support;
using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.WebSockets.Client;

namespace Synclets.Browser.Tests.Scenarios;

/// <summary>
/// The inspector page of <c>synclets serve</c>, in Chromium: rooms and clients appear as clients
/// connect, a stored room's writes appear live in its tree and feed, the page reads on a narrow
/// window, and a request without the server's token gets nothing.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class InspectorTests(Chromium chromium) : IAsyncLifetime
{
    private const string Token = "inspector-secret";
    private readonly string _directory = Directory.CreateTempSubdirectory("synclets-inspector-").FullName;
    private readonly string _room = $"inspected-{Guid.NewGuid():N}";
    private ServerProcess _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServerProcess.StartAsync("--store", Path.Combine(_directory, "rooms.db"), "--depth", "2", "--token", Token);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_client_appears_and_what_it_writes_shows_live_in_the_tree_and_the_feed()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) => problems.AddRange(message.Type == "error" ? [message.Text] : []);
        await page.GotoAsync(Inspector($"?token={Token}"));
        await page.Locator("#status.live").WaitForAsync();
        Assert.True(await page.Locator("#no-rooms").IsVisibleAsync());

        await using var client = await ClientAsync();
        await client.SetAtomAsync(new Address("todos", "t1"), "Buy milk");

        var room = page.Locator($"#rooms [data-room='{_room}'] button");
        await room.WaitForAsync();
        Assert.Contains("1 client", await room.InnerTextAsync());
        await room.ClickAsync();
        await page.Locator("#clients tbody tr[data-client]").WaitForAsync();
        Assert.Equal(1, await page.Locator("#clients tbody tr[data-client]").CountAsync());
        await page.Locator("#tree [data-address='[\"todos\"]'] > button.toggle").ClickAsync();
        Assert.Equal("\"Buy milk\"", await Leaf(page, "t1").InnerTextAsync());
        Assert.NotEmpty(await page.Locator("#tree [data-address='[\"todos\",\"t1\"]'] time").GetAttributeAsync("title") ?? string.Empty);

        // Live: a new write and a change appear without reloading, in the open tree and in the feed.
        await client.SetAtomAsync(new Address("todos", "t2"), "Call the plumber");
        await client.SetAtomAsync(new Address("todos", "t1"), "Buy oat milk");
        await Assertions.Expect(Leaf(page, "t2")).ToHaveTextAsync("\"Call the plumber\"");
        await Assertions.Expect(Leaf(page, "t1")).ToHaveTextAsync("\"Buy oat milk\"");
        await Assertions.Expect(page.Locator("#feed li").First).ToContainTextAsync("Buy oat milk");
        // The first write came before the room was open on the page; the feed shows what came after.
        Assert.Equal(["\"Buy oat milk\"", "\"Call the plumber\""], await page.Locator("#feed li[data-address] .value").AllInnerTextsAsync());
        await ScreenshotAsync(page, "inspector");
        Assert.Empty(problems);

        // A narrow window: one column, the room below the list of rooms, nothing cut off sideways.
        await page.SetViewportSizeAsync(400, 900);
        var rooms = await page.Locator("nav").BoundingBoxAsync();
        var details = await page.Locator("#room").BoundingBoxAsync();
        Assert.True(details!.Y >= rooms!.Y + rooms.Height, "the room is below the list of rooms");
        Assert.True(details.X + details.Width <= 400, "the room fits the window's width");
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), "the page does not scroll sideways");
        await ScreenshotAsync(page, "inspector-narrow");

        // The client leaves: its room goes from the list.
        await client.DisposeAsync();
        await Assertions.Expect(page.Locator($"#rooms [data-room='{_room}']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Without_the_token_a_request_gets_nothing()
    {
        await using var client = await ClientAsync();
        await client.SetAtomAsync(new Address("secrets", "s1"), "the secret value");
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        foreach (var query in new[] { string.Empty, "?token=wrong" })
        {
            var response = await page.GotoAsync(Inspector(query));
            Assert.Equal(401, response!.Status);
            Assert.DoesNotContain(_room, await page.ContentAsync());
            foreach (var api in new[] { "api/overview", $"api/tree?room={_room}", $"api/feed?room={_room}" })
            {
                var answer = await context.APIRequest.GetAsync(Inspector(api + (query.Length == 0 ? string.Empty : (api.Contains('?') ? "&" : "?") + "token=wrong")));
                Assert.Equal(401, answer.Status);
                Assert.Empty(await answer.BodyAsync());
            }
        }

        // The same page with the token shows the room and its data: the refusals above were the token's doing.
        await page.GotoAsync(Inspector($"?token={Token}#room={_room}"));
        await page.Locator("#tree [data-address='[\"secrets\"]'] > button.toggle").ClickAsync();
        await Assertions.Expect(page.Locator("#tree [data-address='[\"secrets\",\"s1\"]'] .value")).ToHaveTextAsync("\"the secret value\"");
    }

    private static ILocator Leaf(IPage page, string id) => page.Locator($"#tree [data-address='[\"todos\",\"{id}\"]'] .value");

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots", $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
    }

    private string Inspector(string rest) => new Uri(_server.HttpUrl, "_synclets/" + rest).ToString();

    /// <summary>A .NET client of the room, started, and in step with the server's room synclet.</summary>
    private async Task<Synclet> ClientAsync()
    {
        var transport = new WsClientTransport(new Uri(_server.Url, $"{_room}?token={Token}"));
        var client = await Synclet.CreateAsync(new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(2), transport));
        await client.StartAsync();
        var first = await client.WhenSyncedAsync();
        Assert.True(first.IsComplete, first.ToString());
        return client;
    }
}
