using Synclets.Browser.Tests.Support;

namespace Synclets.Browser.Tests.Scenarios;

/// <summary>The sample as the README runs it: the page syncs through the broker of the host that served it.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class SampleTests(Chromium chromium)
{
    [Fact]
    public async Task Two_browsers_sync_through_the_hosts_own_room_with_no_settings()
    {
        // Two browser profiles share no storage and no BroadcastChannel: only the server joins them.
        await using var first = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 700 } });
        await using var second = await chromium.Browser.NewContextAsync();
        var phone = await TodoPage.OpenAsync(first, chromium.App, "todoweb", TodoPage.HostsOwnServer);
        var laptop = await TodoPage.OpenAsync(second, chromium.App, "todoweb", TodoPage.HostsOwnServer);

        var title = $"Seen on both ({Guid.NewGuid():N})";
        await phone.AddAsync(title);
        await laptop.ShowsAsync(title);
        Assert.Equal("connection online", await laptop.ConnectionAsync());
        await phone.ScreenshotAsync("todoweb-narrow");
    }
}
