using System.Text.Json.Nodes;
using Synclets.Browser.Tests.Support;
using Synclets.Conformance.Support;

namespace Synclets.Browser.Tests.Scenarios;

/// <summary>The browser stores as a person meets them: Web Storage in the TypeScript Synclets' format, a full quota, damaged or foreign data.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class StoreTests(Chromium chromium)
{
    [Fact]
    public async Task LocalStorage_keeps_the_tree_as_nested_JSON_the_TypeScript_connectors_read_and_reads_it_back()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var list = $"local-{Guid.NewGuid():N}";
        var tab = await TodoPage.OpenAsync(context, chromium.App, list, store: "local");
        var id = await tab.AddAsync("Buy milk");
        await tab.SetDoneAsync(id, true);

        // {"todos":{id:{"Title":"Buy milk","Done":true,…}}} beside {"todos":{id:{"Title":"<16-char timestamp>",…}}}.
        JsonNode? data = null, meta = null;
        await Eventually.UntilAsync(async () =>
        {
            data = await tab.StorageItemAsync("local", $"todoweb:{list}:data");
            meta = await tab.StorageItemAsync("local", $"todoweb:{list}:meta");
            return data?["todos"]?[id]?["Done"]?.GetValue<bool>() == true;
        }, "the tick is in localStorage");
        Assert.Equal("Buy milk", data!["todos"]![id]!["Title"]!.GetValue<string>());
        Assert.Equal(16, meta!["todos"]![id]!["Title"]!.GetValue<string>().Length);
        Assert.Equal(data["todos"]![id]!.AsObject().Select(pair => pair.Key).Order(), meta["todos"]![id]!.AsObject().Select(pair => pair.Key).Order());

        // Another program (a TypeScript synclet of the origin, say) edits the item: a reload reads it.
        data["todos"]![id]!["Title"] = "Buy oat milk";
        await tab.Page.EvaluateAsync("([key, text]) => localStorage.setItem(key, text)", new[] { $"todoweb:{list}:data", data.ToJsonString() });
        await tab.GoAsync(chromium.App, store: "local");
        await tab.ShowsAsync("Buy oat milk");
    }

    [Fact]
    public async Task A_full_localStorage_quota_is_a_clear_error_and_neither_item_is_half_written()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var list = $"quota-{Guid.NewGuid():N}";
        var tab = await TodoPage.OpenAsync(context, chromium.App, list, store: "local");
        await tab.AddAsync("Fits");
        var dataBefore = (await tab.StorageItemAsync("local", $"todoweb:{list}:data"))!.ToJsonString();
        var metaBefore = (await tab.StorageItemAsync("local", $"todoweb:{list}:meta"))!.ToJsonString();

        // Fill the origin's quota to the last character.
        await tab.Page.EvaluateAsync("""
            () => {
              let i = 0;
              for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
                const chunk = 'x'.repeat(size);
                for (;;) {
                  try { localStorage.setItem(`filler-${i++}`, chunk); } catch { break; }
                }
              }
            }
            """);

        await tab.Page.Locator("[data-testid=new-title]").FillAsync("Does not fit");
        await tab.Page.Locator("[data-testid=add]").ClickAsync();
        await Eventually.UntilAsync(async () => await tab.ErrorAsync() is not null, "the page shows an error");
        Assert.Contains("quota is full", await tab.ErrorAsync(), StringComparison.Ordinal);
        Assert.Equal(dataBefore, (await tab.StorageItemAsync("local", $"todoweb:{list}:data"))!.ToJsonString());
        Assert.Equal(metaBefore, (await tab.StorageItemAsync("local", $"todoweb:{list}:meta"))!.ToJsonString());
        await tab.ShowsAsync("Fits");

        // Room again: the next write is stored as usual.
        await tab.Page.EvaluateAsync("() => Object.keys(localStorage).filter(key => key.startsWith('filler-')).forEach(key => localStorage.removeItem(key))");
        await tab.AddAsync("Fits again");
        Assert.Null(await tab.ErrorAsync());
        Assert.Equal(2, (await tab.StorageItemAsync("local", $"todoweb:{list}:data"))!["todos"]!.AsObject().Count);
    }

    [Fact]
    public async Task A_damaged_localStorage_item_is_named_in_a_clear_error_and_left_alone()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var list = $"damaged-{Guid.NewGuid():N}";
        var setup = await context.NewPageAsync();
        await setup.GotoAsync(chromium.App.ToString());
        await setup.EvaluateAsync("(key) => localStorage.setItem(key, '{\"todos\":{\"t1\":\"not a row\"}}')", $"todoweb:{list}:data");

        var error = await TodoPage.OpenFailingAsync(context, chromium.App, list, store: "local");
        Assert.Contains($"localStorage item 'todoweb:{list}:data' does not hold a synclet tree of depth 3", error, StringComparison.Ordinal);
        Assert.Contains("'todos/t1' is a String", error, StringComparison.Ordinal);
        Assert.Equal("{\"todos\":{\"t1\":\"not a row\"}}", await setup.EvaluateAsync<string>("(key) => localStorage.getItem(key)", $"todoweb:{list}:data"));
    }

    [Fact]
    public async Task An_IndexedDB_database_of_another_depth_is_refused_before_anything_is_written()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var list = $"depth-{Guid.NewGuid():N}";
        var setup = await context.NewPageAsync();
        await setup.GotoAsync(chromium.App.ToString());
        await setup.EvaluateAsync("""
            (name) => new Promise((resolve, reject) => {
              const open = indexedDB.open(name, 1);
              open.onupgradeneeded = () => ['leaves', 'hashes', 'about'].forEach(store => open.result.createObjectStore(store));
              open.onsuccess = () => {
                const tx = open.result.transaction('about', 'readwrite');
                tx.objectStore('about').put('2', 'depth');
                tx.oncomplete = () => { open.result.close(); resolve(); };
                tx.onerror = () => reject(tx.error);
              };
              open.onerror = () => reject(open.error);
            })
            """, list);

        var error = await TodoPage.OpenFailingAsync(context, chromium.App, list);
        Assert.Contains($"IndexedDB database '{list}' holds a tree of depth 2; this connector has depth 3. Nothing was changed", error, StringComparison.Ordinal);
    }
}
