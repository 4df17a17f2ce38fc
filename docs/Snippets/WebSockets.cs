using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Synclets;
using Synclets.Sqlite;
using Synclets.WebSockets.Client;
using Synclets.WebSockets.Server;

namespace Snippets;

internal static class WebSockets
{
    public static async Task RunAsync()
    {
        #region readme: websockets
        // A broker on its own (or inside your app; see below). Port 0 picks a free port.
        await using var server = await WsServer.StartAsync("http://127.0.0.1:8043");

        var (data, meta) = SqliteStore.ForFile("alice.db").CreateConnectors(depth: 1);
        await using var alice = await Synclet.CreateAsync(new SyncletComponents(data, meta,
            new WsClientTransport(new Uri("ws://127.0.0.1:8043/team-blue"))));   // room "team-blue"
        await alice.StartAsync();
        #endregion
    }

    public static void InsideAnApp(WebApplicationBuilder builder)
    {
        #region readme: aspnetcore
        builder.Services.AddSyncletServer(new WsServerOptions
        {
            AuthorizeUpgrade = (request, _) => ValueTask.FromResult(
                request.HttpContext.Request.Headers.Authorization == "Bearer secret"
                    ? WsUpgradeDecision.Accept : WsUpgradeDecision.Unauthorized),   // 401; Forbidden gives 403
            MaxClientsPerRoom = 100,            // more get 503
            MaxRooms = 10_000,                  // rooms open at once; a new room past it gets 503, open ones can be joined
            MaxRoomsCreatedPerClient = 100,     // new rooms per client IP address per RoomCreationWindow (1 minute)
            MaxFrameBytes = 1024 * 1024,        // larger packets are discarded and counted
            IdleTimeout = TimeSpan.FromMinutes(10),
        });
        var app = builder.Build();
        app.MapSyncletServer("/sync/{**room}");   // ws://host/sync/<room>; no UseWebSockets() needed
        // app.Services.GetRequiredService<WsServer>().GetRoomIds() / .GetClients(room) / .Statistics
        #endregion
    }
}
