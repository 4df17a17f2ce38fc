using Synclets.Browser.Tests.Support;
using Synclets.Conformance.Support;
using TodoSample;

namespace Synclets.Browser.Tests.Scenarios;

/// <summary>A tab syncs with a .NET app on SQLite through <c>synclets serve</c>, and rides out the server going away.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class ServerTests(Chromium chromium)
{
    [Fact]
    public async Task A_tab_and_a_dotnet_SQLite_synclet_converge_both_ways_and_resolve_a_conflict_alike()
    {
        await using var server = new SyncServer();
        await server.StartAsync();
        var room = server.Room($"room-{Guid.NewGuid():N}");
        await using var context = await chromium.Browser.NewContextAsync();
        var tab = await TodoPage.OpenAsync(context, chromium.App, $"server-{Guid.NewGuid():N}", room);
        await using var desktop = await DesktopPeer.StartAsync(room);
        await Eventually.UntilAsync(async () => await tab.ConnectionAsync() == "connection online", "the tab shows it is online");

        var milk = await tab.AddAsync("Buy milk");
        await desktop.HoldsAsync("Buy milk");
        await desktop.Synclet.Todos.SetAsync(new Todo("desk1", "Call the plumber", Done: false, Priority.High, ProjectId: null, Due: null));
        await tab.ShowsAsync("Buy milk", "Call the plumber");

        // Both change one title while the server is away; the later write wins, on both sides.
        await server.StopAsync();
        await Eventually.UntilAsync(async () => await tab.ConnectionAsync() == "connection offline", "the tab shows it is offline");
        await tab.RetitleAsync(milk, "Buy oat milk");
        await Eventually.UntilAsync(async () => (await tab.StoredAtomsAsync())[$"todos/{milk}/Title"] == "\"Buy oat milk\"", "the tab stored its title");
        await desktop.Synclet.Todos.SetTitleAsync(milk, "Buy soy milk");
        await server.StartAsync();

        await tab.ShowsAsync("Buy soy milk", "Call the plumber");
        await desktop.HoldsAsync("Buy soy milk", "Call the plumber");
        Assert.Equal("\"Buy soy milk\"", (await tab.StoredAtomsAsync())[$"todos/{milk}/Title"]);
        Assert.Equal("connection online", await tab.ConnectionAsync());
        await tab.ScreenshotAsync("todoweb-after-sync");
    }

    [Fact]
    public async Task The_tab_keeps_working_while_the_server_is_away_and_everything_converges_when_it_returns()
    {
        await using var server = new SyncServer();
        await server.StartAsync();
        var room = server.Room($"room-{Guid.NewGuid():N}");
        await using var context = await chromium.Browser.NewContextAsync();
        var tab = await TodoPage.OpenAsync(context, chromium.App, $"offline-{Guid.NewGuid():N}", room);
        await using var desktop = await DesktopPeer.StartAsync(room);
        var keep = await tab.AddAsync("Water the plants");
        var drop = await tab.AddAsync("Cancel the newspaper");
        await desktop.HoldsAsync("Water the plants", "Cancel the newspaper");

        await server.StopAsync();
        await Eventually.UntilAsync(async () => await tab.ConnectionAsync() == "connection offline", "the tab shows it is offline");
        await tab.AddAsync("Written offline");
        await tab.SetDoneAsync(keep, true);
        await tab.DeleteAsync(drop);
        await tab.ShowsAsync("Water the plants", "Written offline");
        await desktop.Synclet.Todos.SetAsync(new Todo("desk2", "Also offline, on the desktop", Done: false, Priority.Low, ProjectId: null, Due: null));

        await server.StartAsync();
        await Eventually.UntilAsync(async () => await tab.ConnectionAsync() == "connection online", "the tab is back online");
        await tab.ShowsAsync("Water the plants", "Written offline", "Also offline, on the desktop");
        await desktop.HoldsAsync("Water the plants", "Written offline", "Also offline, on the desktop");
        Assert.True((await desktop.Synclet.Todos.GetAsync(keep))!.Done);
    }
}
