using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using Synclets;
using Synclets.Browser.Connectors.IndexedDb;
using Synclets.Browser.Connectors.WebStorage;
using Synclets.Browser.Transports;
using Synclets.Connectors;
using Synclets.Connectors.Memory;
using Synclets.WebSockets.Client;
using TodoSample;

namespace TodoWeb.Sync;

/// <summary>
/// The tab's synclet: a typed <see cref="TodoDb"/> on IndexedDB, with a BroadcastChannel to the other
/// tabs and, when a server is set, a reconnecting WebSocket to its room. The page reads and writes
/// through <see cref="Synclet"/> and redraws on <see cref="Changed"/>.
/// </summary>
public sealed class TodoSync(NavigationManager navigation, ILogger<TodoSync> logger) : IAsyncDisposable
{
    private Task? _starting;

    /// <summary>Where this tab keeps and syncs its data.</summary>
    public SyncSettings Settings { get; } = SyncSettings.FromPage(new Uri(navigation.Uri));

    /// <summary>The synclet, once <see cref="StartAsync"/> has completed.</summary>
    public TodoDbSynclet? Synclet { get; private set; }

    /// <summary>Where the data is kept, for people: "IndexedDB 'todoweb'", say.</summary>
    public string? StoreName { get; private set; }

    /// <summary>The IndexedDB database this tab holds, when it keeps its data there.</summary>
    public string? DatabaseName { get; private set; }

    /// <summary>The transport to the other tabs.</summary>
    public BroadcastChannelTransport? Tabs { get; private set; }

    /// <summary>The transport to the server, when there is one.</summary>
    public WsClientTransport? Server { get; private set; }

    /// <summary>Raised when the to-dos or the connection change (on the page's thread: WebAssembly has one).</summary>
    public event Action? Changed;

    /// <summary>Opens the store and starts syncing; later calls wait for the first.</summary>
    public Task StartAsync() => _starting ??= StartOnceAsync();

    private async Task StartOnceAsync()
    {
        var (data, meta) = await OpenStoreAsync();
        Tabs = new BroadcastChannelTransport(Settings.Channel);
        var transports = new List<Synclets.Transports.Transport> { Tabs };
        if (Settings.Server is { } server)
        {
            // An interactive app retries soon: at most 2 s between attempts while the server is away.
            Server = new WsClientTransport(server, new WsClientTransportOptions { ReconnectMaxDelay = TimeSpan.FromSeconds(2) });
            Server.StateChanged += (_, _) => Changed?.Invoke();
            transports.Add(Server);
        }

        Synclet = await TodoDbSynclet.CreateAsync(
            new SyncletComponents(data, meta, transports),
            options: new SyncletOptions { Id = Settings.SyncletId, Logger = logger });
        Synclet.Todos.RowChanged += (_, _) => Changed?.Invoke();
        await Synclet.StartAsync();
    }

    private async Task<(DataConnector Data, MetaConnector Meta)> OpenStoreAsync()
    {
        var items = $"todoweb:{Settings.Database}";
        switch (Settings.Store)
        {
            case "memory":
                StoreName = "memory only";
                return (new MemoryDataConnector(depth: 3), new MemoryMetaConnector(depth: 3));
            case "local" or "session":
                var area = Settings.Store == "local" ? WebStorageArea.Local : WebStorageArea.Session;
                StoreName = $"{Settings.Store}Storage '{items}:data'";
                return WebStorage.CreateConnectors(area, depth: 3, $"{items}:data", $"{items}:meta");
            default:
                // Tabs side by side each take a database of the list's family; a reloaded tab gets
                // one back with its data. They all hold the whole list, kept in step over the channel.
                var store = await IndexedDbStore.ClaimAsync(Settings.Database);
                StoreName = $"IndexedDB '{store.DatabaseName}'";
                DatabaseName = store.DatabaseName;
                return store.CreateConnectors(depth: 3);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Synclet is { } synclet)
        {
            await synclet.DisposeAsync();
        }
    }
}
