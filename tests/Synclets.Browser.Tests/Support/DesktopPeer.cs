using Synclets.Conformance.Support;
using Synclets.Connectors;
using Synclets.Connectors.Memory;
using Synclets.Sqlite;
using Synclets.WebSockets.Client;
using TodoSample;

namespace Synclets.Browser.Tests.Support;

/// <summary>A .NET app's synclet on the same schema: its to-dos in a SQLite file, synced through a room of the server.</summary>
internal sealed class DesktopPeer : IAsyncDisposable
{
    private DesktopPeer(TodoDbSynclet synclet, string path)
    {
        Synclet = synclet;
        DatabasePath = path;
    }

    /// <summary>The synclet.</summary>
    public TodoDbSynclet Synclet { get; }

    /// <summary>The SQLite file.</summary>
    public string DatabasePath { get; }

    /// <summary>Starts a peer on a fresh SQLite file, joined to <paramref name="room"/>.</summary>
    public static Task<DesktopPeer> StartAsync(Uri room)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("synclets-desktop").FullName, "todos.db");
        var (data, meta) = SqliteStore.ForFile(path).CreateConnectors(TodoDb.Schema);
        return StartAsync(room, data, meta, path);
    }

    /// <summary>Starts a peer holding its to-dos in memory, written by <paramref name="seed"/> before it joins <paramref name="room"/>.</summary>
    public static Task<DesktopPeer> StartInMemoryAsync(Uri room, Func<TodoDbSynclet, Task> seed) =>
        StartAsync(room, new MemoryDataConnector(depth: 3), new MemoryMetaConnector(depth: 3), Path.Combine(Directory.CreateTempSubdirectory("synclets-desktop").FullName, "none"), seed);

    private static async Task<DesktopPeer> StartAsync(Uri room, DataConnector data, MetaConnector meta, string path, Func<TodoDbSynclet, Task>? seed = null)
    {
        var transport = new WsClientTransport(room, new WsClientTransportOptions { ReconnectMaxDelay = TimeSpan.FromSeconds(1) });
        var synclet = await TodoDbSynclet.CreateAsync(new SyncletComponents(data, meta, transport), options: new SyncletOptions { Id = "desktop" });
        if (seed is not null)
        {
            await seed(synclet);
        }

        await synclet.StartAsync();
        return new DesktopPeer(synclet, path);
    }

    /// <summary>The titles the peer holds, by id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> TitlesAsync() =>
        (await Synclet.Todos.GetAllAsync()).ToDictionary(todo => todo.Id, todo => todo.Title);

    /// <summary>Waits until the peer holds exactly these titles (in any order).</summary>
    public Task HoldsAsync(params string[] titles) => Eventually.UntilAsync(
        async () => (await TitlesAsync()).Values.Order(StringComparer.Ordinal).SequenceEqual(titles.Order(StringComparer.Ordinal)),
        $"the desktop peer holds [{string.Join(", ", titles)}]",
        TimeSpan.FromSeconds(30));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Synclet.DisposeAsync();
        try
        {
            Directory.Delete(Path.GetDirectoryName(DatabasePath)!, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is harmless.
        }
    }
}
