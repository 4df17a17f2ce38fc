using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Synclets;
using Synclets.Sqlite;
using Synclets.WebSockets.Client;
using Synclets.WebSockets.Server;

namespace Snippets;

internal static class Hosting
{
    public static async Task WorkerAsync(string[] args)
    {
        #region readme: hosting-worker
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddSynclet(
            _ =>
            {
                var (data, meta) = SqliteStore.ForFile("worker.db").CreateConnectors(depth: 2);
                return new SyncletComponents(data, meta, new WsClientTransport(new Uri("wss://sync.example/rooms/team")));
            },
            _ => new SyncletOptions { Id = "worker-1" });   // logger and TimeProvider: the host's
        builder.Services.AddHostedService<Worker>();         // takes Synclet in its constructor
        await builder.Build().RunAsync();                    // the synclet starts and stops with the host
        #endregion
    }

    public static async Task WebAppAsync(string[] args)
    {
        #region readme: hosting-web
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSyncletServer();                 // the broker, for other clients
        builder.Services.AddSynclet(
            _ =>
            {
                var (data, meta) = SqliteStore.ForFile("todo.db").CreateConnectors(TodoDb.Schema);
                return new SyncletComponents(data, meta);
            },
            TodoDbSynclet.CreateAsync);                      // a generated typed synclet
        var app = builder.Build();
        app.MapSyncletServer("/sync/{**room}");
        app.MapGet("/todos/{id}", async (string id, TodoDbSynclet db) => await db.Todos.GetAsync(id));
        await app.RunAsync();
        #endregion
    }

    private sealed class Worker(Synclet synclet) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken) =>
            await synclet.SetAtomAsync(new Address("status", "worker-1"), "running", cancellationToken: stoppingToken);
    }
}
