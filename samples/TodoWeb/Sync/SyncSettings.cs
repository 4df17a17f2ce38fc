namespace TodoWeb.Sync;

/// <summary>
/// Where this tab keeps and syncs its to-dos, read from the page's query string so several
/// independent lists can be opened side by side: <c>?db=</c> names the IndexedDB database (and the
/// BroadcastChannel, so tabs of one list find each other), <c>?sync=</c> the WebSocket room
/// (<c>off</c> for none; by default the <c>/sync/todos</c> room of the server that served the page),
/// <c>?store=</c> where the data lives: <c>indexeddb</c> (the default), or <c>local</c> or
/// <c>session</c> for Web Storage, the TypeScript Synclets' simple stores (one tab per list there:
/// tabs would share, and overwrite, one item), or <c>memory</c> to keep nothing (for measuring).
/// </summary>
public sealed record SyncSettings(string Database, string Channel, Uri? Server, string SyncletId, string Store)
{
    /// <summary>Reads the settings of the page at <paramref name="page"/>.</summary>
    public static SyncSettings FromPage(Uri page)
    {
        var query = ParseQuery(page.Query);
        var database = query.GetValueOrDefault("db") is { Length: > 0 } db ? db : "todoweb";
        var server = query.GetValueOrDefault("sync") switch
        {
            "off" => null,
            { Length: > 0 } given => new Uri(given),
            _ => new Uri(new UriBuilder(page) { Scheme = page.Scheme == "https" ? "wss" : "ws", Path = "/sync/todos", Query = string.Empty }.Uri.ToString()),
        };

        // Each tab is its own peer: a fresh id per page load.
        var id = query.GetValueOrDefault("id") is { Length: > 0 } chosen ? chosen : $"web-{Guid.NewGuid():N}"[..12];
        var store = query.GetValueOrDefault("store") is "local" or "session" or "memory" ? query["store"] : "indexeddb";
        return new SyncSettings(database, $"todoweb:{database}", server, id, store);
    }

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            values[key] = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
        }

        return values;
    }
}
