using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Synclets;
using Synclets.Orleans;
using Synclets.Orleans.Membership;
using Synclets.Postgres;
using Synclets.Relational;
using Synclets.WebSockets.Client;

namespace Snippets;

internal static class Cluster
{
    public static async Task NodeAsync(string[] args, string connectionString)
    {
        #region readme: cluster-node
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await PostgresMembership.EnsureCreatedAsync(dataSource);          // the membership tables, if missing
        var builder = WebApplication.CreateBuilder(args);
        builder.UseOrleans(silo => silo.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresMembership.Invariant;               // "Npgsql"
            options.ConnectionString = connectionString;
        }));
        builder.Services.AddSyncletCluster(new SyncletClusterOptions
        {
            // Optional: each room's grain keeps the room in PostgreSQL, every room under its own scope.
            CreateRoomSynclet = (roomId, transport, _, cancellationToken) =>
            {
                var (data, meta) = new PostgresStore(dataSource).CreateConnectors(depth: 1, new TreeTableOptions { Scope = roomId });
                return Synclet.CreateAsync(new SyncletComponents(data, meta, transport), cancellationToken: cancellationToken);
            },
        });
        var app = builder.Build();
        app.MapSyncletServer("/{**room}");                                 // as on one server
        await app.RunAsync();
        #endregion
    }

    public static WsClientTransport Client()
    {
        #region readme: cluster-client
        // The same room on every node: the first that answers, the next when it goes.
        var transport = new WsClientTransport([
            new Uri("wss://node-a.example/team-blue"),
            new Uri("wss://node-b.example/team-blue"),
        ]);
        #endregion
        return transport;
    }
}
