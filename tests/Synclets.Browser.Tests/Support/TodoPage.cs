using System.Text.Json;
using Microsoft.Playwright;
using Synclets.Conformance.Support;

namespace Synclets.Browser.Tests.Support;

/// <summary>One tab of the TodoWeb app, read and driven as a person would, plus a look into its IndexedDB.</summary>
internal sealed class TodoPage
{
    private readonly IPage page;
    private readonly string database;
    private readonly List<string> _console = [];

    private TodoPage(IPage page, string database)
    {
        this.page = page;
        this.database = database;
        page.Console += (_, message) => { lock (_console) { _console.Add($"{message.Type}: {message.Text}"); } };
        page.PageError += (_, error) => { lock (_console) { _console.Add($"page error: {error}"); } };
    }

    /// <summary>What the page wrote to its console (and its uncaught errors), for a failure's message.</summary>
    public string ConsoleText
    {
        get
        {
            lock (_console)
            {
                return string.Join(Environment.NewLine, _console);
            }
        }
    }

    /// <summary>The Playwright page.</summary>
    public IPage Page => page;

    /// <summary>The list this tab shows: the family of IndexedDB databases, and the BroadcastChannel, its tabs share.</summary>
    public string Database => database;

    /// <summary>Opens the app in a new tab of <paramref name="context"/> on list <paramref name="database"/>, syncing with <paramref name="server"/> (none when null).</summary>
    public static async Task<TodoPage> OpenAsync(IBrowserContext context, Uri app, string database, Uri? server = null, string? store = null)
    {
        var page = await context.NewPageAsync();
        var todoPage = new TodoPage(page, database);
        await todoPage.GoAsync(app, server, store);
        return todoPage;
    }

    /// <summary>Opens the app on a list it cannot start on; the error the page shows.</summary>
    public static async Task<string> OpenFailingAsync(IBrowserContext context, Uri app, string database, string? store = null)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app, Query(database, server: null, store)).ToString());
        var error = page.Locator("[data-testid=error]");
        await error.WaitForAsync(new() { Timeout = 60_000 });
        return await error.InnerTextAsync();
    }

    /// <summary>Loads (or reloads) the app and waits until its synclet has started.</summary>
    public async Task GoAsync(Uri app, Uri? server = null, string? store = null)
    {
        await page.GotoAsync(new Uri(app, Query(database, server, store)).ToString());
        try
        {
            await page.Locator("[data-testid=stats][data-ready=yes]").WaitForAsync(new() { Timeout = 60_000 });
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"{exception.Message}{Environment.NewLine}The page's console:{Environment.NewLine}{ConsoleText}", exception);
        }

        if (await page.Locator("[data-testid=error]").CountAsync() > 0)
        {
            Assert.Fail(await page.Locator("[data-testid=error]").InnerTextAsync());
        }
    }

    /// <summary>Stands for the app's own default: the room broker of the host that served the page.</summary>
    public static readonly Uri HostsOwnServer = new("about:host");

    private static string Query(string database, Uri? server, string? store) =>
        $"?db={Uri.EscapeDataString(database)}&store={store ?? "indexeddb"}"
        + (server == HostsOwnServer ? string.Empty : $"&sync={Uri.EscapeDataString(server?.ToString() ?? "off")}");

    /// <summary>The error the page shows, or null.</summary>
    public async Task<string?> ErrorAsync() =>
        await page.Locator("[data-testid=error]").CountAsync() > 0 ? await page.Locator("[data-testid=error]").InnerTextAsync() : null;

    /// <summary>A Web Storage item, parsed as JSON (null when there is none).</summary>
    public async Task<System.Text.Json.Nodes.JsonNode?> StorageItemAsync(string area, string key)
    {
        var text = await page.EvaluateAsync<string?>($"(key) => {area}Storage.getItem(key)", key);
        return text is null ? null : System.Text.Json.Nodes.JsonNode.Parse(text);
    }

    /// <summary>Types a new to-do and presses Add; returns its id once the list shows it.</summary>
    public async Task<string> AddAsync(string title)
    {
        var before = (await TodosAsync()).Select(todo => todo.Id).ToHashSet();
        await page.Locator("[data-testid=new-title]").FillAsync(title);
        await page.Locator("[data-testid=add]").ClickAsync();
        string? id = null;
        await Eventually.UntilAsync(async () =>
        {
            id = (await TodosAsync()).FirstOrDefault(todo => !before.Contains(todo.Id) && todo.Title == title).Id;
            return id is not null;
        }, $"the tab shows '{title}'");
        return id!;
    }

    /// <summary>Edits a to-do's title in place (the change is saved when the field loses focus).</summary>
    public async Task RetitleAsync(string id, string title)
    {
        var field = Row(id).Locator("[data-testid=title]");
        await field.FillAsync(title);
        await field.BlurAsync();
    }

    /// <summary>Ticks or unticks a to-do.</summary>
    public Task SetDoneAsync(string id, bool done) => Row(id).Locator("[data-testid=done]").SetCheckedAsync(done);

    /// <summary>Presses a to-do's delete button.</summary>
    public Task DeleteAsync(string id) => Row(id).Locator("[data-testid=delete]").ClickAsync();

    /// <summary>The to-dos the page shows, in its order.</summary>
    public async Task<IReadOnlyList<(string Id, string Title, bool Done)>> TodosAsync()
    {
        var json = await page.EvaluateAsync<string>("""
            () => JSON.stringify([...document.querySelectorAll('[data-testid=todo]')].map(row => [
              row.dataset.id,
              row.querySelector('[data-testid=title]').value,
              row.querySelector('[data-testid=done]').checked]))
            """);
        return JsonSerializer.Deserialize<JsonElement[][]>(json)!
            .Select(row => (row[0].GetString()!, row[1].GetString()!, row[2].GetBoolean()))
            .ToList();
    }

    /// <summary>Waits until the page shows exactly these titles (in any order).</summary>
    public Task ShowsAsync(params string[] titles) => Eventually.UntilAsync(
        async () => (await TodosAsync()).Select(todo => todo.Title).Order(StringComparer.Ordinal).SequenceEqual(titles.Order(StringComparer.Ordinal)),
        $"the tab on '{database}' shows [{string.Join(", ", titles)}]; its console:{Environment.NewLine}{ConsoleText}",
        TimeSpan.FromSeconds(30));

    /// <summary>The connection indicator's class: online, offline, local or closed.</summary>
    public Task<string?> ConnectionAsync() => page.Locator("[data-testid=connection]").GetAttributeAsync("class");

    /// <summary>How many bad packets the tab's BroadcastChannel transport has dropped, as the page shows.</summary>
    public async Task<long> DroppedPacketsAsync() =>
        long.Parse(await page.Locator("[data-testid=stats]").GetAttributeAsync("data-dropped") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The IndexedDB database the tab holds (a database of its list's family).</summary>
    public async Task<string> HeldDatabaseAsync() =>
        await page.Locator("[data-testid=stats]").GetAttributeAsync("data-database") ?? throw new InvalidOperationException("the page names no database");

    /// <summary>Every atom in the tab's IndexedDB database, read with IndexedDB's own API: address (joined by '/') → JSON text.</summary>
    public async Task<IReadOnlyDictionary<string, string>> StoredAtomsAsync()
    {
        var held = await HeldDatabaseAsync();
        var json = await page.EvaluateAsync<string>("""
            async (name) => {
              const db = await new Promise((resolve, reject) => {
                const open = indexedDB.open(name);
                open.onsuccess = () => resolve(open.result);
                open.onerror = () => reject(open.error);
              });
              const store = db.transaction('leaves').objectStore('leaves');
              const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()].map(request =>
                new Promise((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); })));
              db.close();
              // A leaf's record is [timestamp, atom]; a deleted atom has none.
              return JSON.stringify(keys.map((key, i) => [key.join('/'), values[i][1]]).filter(([, atom]) => atom != null));
            }
            """, held);
        return JsonSerializer.Deserialize<string[][]>(json)!.ToDictionary(pair => pair[0], pair => pair[1]);
    }

    /// <summary>Saves a screenshot as a test artefact under <c>TestResults/screenshots</c>; returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots", $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    private ILocator Row(string id) => page.Locator($"[data-testid=todo][data-id='{id}']");
}
