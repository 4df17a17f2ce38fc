using Synclets.Browser.Tests.Support;
using Synclets.Conformance.Support;

namespace Synclets.Browser.Tests.Scenarios;

/// <summary>Tabs of one origin sync over a BroadcastChannel, with no server at all.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class TabsTests(Chromium chromium)
{
    [Fact]
    public async Task Two_tabs_converge_over_the_BroadcastChannel_with_no_server()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var list = $"tabs-{Guid.NewGuid():N}";
        var left = await TodoPage.OpenAsync(context, chromium.App, list);
        var right = await TodoPage.OpenAsync(context, chromium.App, list);

        var milk = await left.AddAsync("Buy milk");
        await right.ShowsAsync("Buy milk");
        var bike = await right.AddAsync("Fix the bike");
        await left.ShowsAsync("Buy milk", "Fix the bike");

        await right.SetDoneAsync(milk, true);
        await Eventually.UntilAsync(async () => (await left.TodosAsync()).Single(todo => todo.Id == milk).Done, "the left tab shows milk ticked");
        await left.DeleteAsync(bike);
        await right.ShowsAsync("Buy milk");

        // Each tab holds its own database of the list's family, and each holds what the tabs show.
        Assert.Equal(list, await left.HeldDatabaseAsync());
        Assert.Equal($"{list}-2", await right.HeldDatabaseAsync());
        foreach (var tab in new[] { left, right })
        {
            var atoms = await tab.StoredAtomsAsync();
            Assert.Equal("true", atoms[$"todos/{milk}/Done"]);
            Assert.Equal("\"Buy milk\"", atoms[$"todos/{milk}/Title"]);
            Assert.DoesNotContain(atoms.Keys, key => key.Contains(bike, StringComparison.Ordinal));
        }

        Assert.Equal("connection local", await left.ConnectionAsync());
    }
}
