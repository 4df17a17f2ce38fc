using System.Runtime.Versioning;
using Synclets;
using Synclets.Browser.Connectors.IndexedDb;
using Synclets.Browser.Connectors.WebStorage;
using Synclets.Browser.Transports;
using Synclets.WebSockets.Client;

namespace Snippets;

[SupportedOSPlatform("browser")]
internal static class Browser
{
    public static async Task IndexedDb()
    {
        #region readme: browser
        // Each tab takes a free database of the "todos" family: a reloaded tab gets its own back.
        var store = await IndexedDbStore.ClaimAsync("todos");
        var (data, meta) = store.CreateConnectors(depth: 3);
        await using var synclet = await Synclet.CreateAsync(new SyncletComponents(data, meta,
            new BroadcastChannelTransport("todos"),                          // the other tabs, no server
            new WsClientTransport(new Uri("wss://sync.example/todos"))));    // everyone else, when reachable
        await synclet.StartAsync();
        #endregion
    }

    public static void WebStorageConnectors()
    {
        #region readme: browser-web-storage
        var (data, meta) = WebStorage.CreateConnectors(WebStorageArea.Local, depth: 1, "settings:data", "settings:meta");
        #endregion
    }
}
