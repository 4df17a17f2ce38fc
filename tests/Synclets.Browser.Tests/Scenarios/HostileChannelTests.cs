using Synclets.Browser.Tests.Support;

namespace Synclets.Browser.Tests.Scenarios;

/// <summary>Whatever else posts on the BroadcastChannel, a tab drops and counts what is not a packet for it, and keeps working.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class HostileChannelTests(Chromium chromium)
{
    [Fact]
    public async Task Garbage_and_a_huge_total_on_the_channel_are_dropped_and_counted_and_the_tab_keeps_working()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var list = $"hostile-{Guid.NewGuid():N}";
        var tab = await TodoPage.OpenAsync(context, chromium.App, list);

        // Posted from the page itself, as a buggy or hostile script of the origin could.
        await tab.Page.EvaluateAsync("""
            (name) => {
              const channel = new BroadcastChannel(name);
              channel.postMessage('not even an object');
              channel.postMessage({ from: 42, packet: '* x 0 1 []' });
              channel.postMessage({ from: 'evil', packet: { nested: true } });
              channel.postMessage({ from: 'evil', packet: 'garbage without the parts of a packet' });
              channel.postMessage({ from: 'evil', packet: '* abcdefghijklmnop 0 1000000000 [1,0,3,[],0,{}]' });
              channel.postMessage({ from: 'evil', packet: '* abcdefghijklmnop 0 1 [1,0,3,[],"not a node",{}]' });
              channel.postMessage({ from: 'evil', packet: '* abcdefghijklmnop 0 1 ' + 'x'.repeat(100000) });
              channel.postMessage({ from: '*', packet: '* abcdefghijklmnop 0 1 [1,0,3,[],0,{}]' });
              channel.close();
            }
            """, $"todoweb:{list}");

        var id = await tab.AddAsync("Still working");
        Assert.True(await tab.DroppedPacketsAsync() >= 6, $"dropped {await tab.DroppedPacketsAsync()}");
        Assert.Equal("\"Still working\"", (await tab.StoredAtomsAsync())[$"todos/{id}/Title"]);

        var second = await TodoPage.OpenAsync(context, chromium.App, list);
        await second.ShowsAsync("Still working");
        Assert.DoesNotContain("page error", tab.ConsoleText, StringComparison.Ordinal);
    }
}
