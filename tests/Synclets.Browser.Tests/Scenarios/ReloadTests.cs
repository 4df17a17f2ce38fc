using Synclets.Browser.Tests.Support;

namespace Synclets.Browser.Tests.Scenarios;

/// <summary>IndexedDB keeps a tab's data across a reload, and what was written before it still syncs.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class ReloadTests(Chromium chromium)
{
    [Fact]
    public async Task A_reload_keeps_the_data_and_a_write_made_before_it_syncs_afterwards()
    {
        await using var server = new SyncServer();
        var room = server.Room($"room-{Guid.NewGuid():N}");
        await using var context = await chromium.Browser.NewContextAsync();
        var list = $"reload-{Guid.NewGuid():N}";

        // No server yet: the write stays in this browser.
        var tab = await TodoPage.OpenAsync(context, chromium.App, list, room);
        var id = await tab.AddAsync("Written before the reload");
        await tab.GoAsync(chromium.App, room);
        await tab.ShowsAsync("Written before the reload");
        Assert.Equal(list, await tab.HeldDatabaseAsync());
        Assert.Equal("\"Written before the reload\"", (await tab.StoredAtomsAsync())[$"todos/{id}/Title"]);

        await server.StartAsync();
        await using var desktop = await DesktopPeer.StartAsync(room);
        await desktop.HoldsAsync("Written before the reload");
    }
}
