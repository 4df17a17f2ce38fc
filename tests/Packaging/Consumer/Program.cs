using Synclets;
using Synclets.Sqlite;
using Synclets.Typed;
using Synclets.WebSockets.Client;
using Synclets.WebSockets.Server;

// Two typed synclets on SQLite files sync a note through a WebSocket broker, all from the packages.
var folder = Directory.CreateTempSubdirectory("synclets-consumer").FullName;
try
{
    await using var server = await WsServer.StartAsync("http://127.0.0.1:0");
    var room = new Uri(server.Url!, "notes");
    await using var alice = await OpenAsync(Path.Combine(folder, "alice.db"), "alice", room);
    await using var bob = await OpenAsync(Path.Combine(folder, "bob.db"), "bob", room);
    await Task.WhenAll(alice.StartAsync(), bob.StartAsync());

    await alice.SetAsync(new Note("n1", "Written by alice"));
    var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
    Note? note;
    while ((note = await bob.GetAsync("n1")) is null)
    {
        if (DateTime.UtcNow > deadline)
        {
            Console.Error.WriteLine("bob never received the note");
            return 1;
        }

        await Task.Delay(20);   // polling a condition with a deadline, not a guessed wait
    }

    Console.WriteLine($"bob has: {note.Title}");
    return 0;
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static async Task<NoteSynclet> OpenAsync(string path, string id, Uri room)
{
    var (data, meta) = SqliteStore.ForFile(path).CreateConnectors(NoteTableMap.Instance);
    return await NoteSynclet.CreateAsync(
        new SyncletComponents(data, meta, new WsClientTransport(room)), options: new SyncletOptions { Id = id });
}

/// <summary>A note, compiled by the packaged generator into NoteSynclet and NoteTableMap.</summary>
[Synclet(Depth = 2)]
public partial record Note([property: SyncletKey] string Id, string Title);
