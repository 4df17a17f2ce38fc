using System.Globalization;
using System.Text;
using Synclets.Browser.Tests.Support;
using TodoSample;
using Xunit.Abstractions;

namespace Synclets.Browser.Tests.Scenarios;

/// <summary>
/// What the issue asks to measure in the browser: a first sync of 10k and 100k atoms from the server
/// into IndexedDB and into memory, and what the app costs to download. Figures are reported (test
/// output and TestResults/browser-measurements.md), never asserted.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class BrowserMeasurements(Chromium chromium, ITestOutputHelper output)
{
    /// <summary>A to-do row is five atoms: Title, Done, Priority, ProjectId and Due.</summary>
    private const int AtomsPerTodo = 5;

    [BrowserBenchmarkFact]
    public async Task First_sync_into_IndexedDB_and_memory_and_the_app_download()
    {
        var report = new StringBuilder("| measurement | figure |\n|---|---|\n");
        report.Append(CultureInfo.InvariantCulture, $"| app download (fresh tab, compressed transfer) | {await AppTransferBytesAsync() / 1024.0 / 1024.0:F2} MB |\n");
        foreach (var atoms in new[] { 10_000, 100_000 })
        {
            foreach (var store in new[] { "indexeddb", "memory" })
            {
                var seconds = await FirstSyncSecondsAsync(atoms, store);
                report.Append(CultureInfo.InvariantCulture, $"| first sync of {atoms:N0} atoms into {store} | {seconds:F2} s |\n");
            }
        }

        output.WriteLine(report.ToString());
        var path = Path.Combine(AppContext.BaseDirectory, "TestResults", "browser-measurements.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, $"TodoWeb host: {Chromium.PublishedHost ?? "the Debug build"}\n\n{report}");
    }

    /// <summary>Bytes a fresh tab fetched until the app ran, as the browser counts them on the wire.</summary>
    private async Task<long> AppTransferBytesAsync()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var tab = await TodoPage.OpenAsync(context, chromium.App, $"size-{Guid.NewGuid():N}", store: "memory");
        return await tab.Page.EvaluateAsync<long>("""
            () => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
              .reduce((sum, entry) => sum + entry.transferSize, 0)
            """);
    }

    /// <summary>Seconds from a fresh tab's synclet starting until every atom a .NET peer holds is stored, as the measuring page times it.</summary>
    private async Task<double> FirstSyncSecondsAsync(int atoms, string store)
    {
        await using var server = new SyncServer();
        await server.StartAsync();
        var room = server.Room($"bench-{Guid.NewGuid():N}");
        var rows = atoms / AtomsPerTodo;
        await using var source = await DesktopPeer.StartInMemoryAsync(room, async synclet =>
        {
            for (var i = 0; i < rows; i++)
            {
                await synclet.Todos.SetAsync(new Todo($"t{i:D6}", $"To-do number {i}", Done: i % 3 == 0, Priority.Normal, ProjectId: null, Due: null));
            }
        });

        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var query = $"?measure={atoms}&db=bench-{Guid.NewGuid():N}&store={store}&sync={Uri.EscapeDataString(room.ToString())}";
        await page.GotoAsync(new Uri(chromium.App, query).ToString());
        var measured = page.Locator("[data-testid=measured][data-ms]");
        await measured.WaitForAsync(new() { Timeout = 900_000 });
        var seconds = int.Parse(await measured.GetAttributeAsync("data-ms") ?? "0", CultureInfo.InvariantCulture) / 1000.0;
        Console.Error.WriteLine($"first sync of {atoms} atoms into {store}: {seconds:F2} s");
        return seconds;
    }
}
