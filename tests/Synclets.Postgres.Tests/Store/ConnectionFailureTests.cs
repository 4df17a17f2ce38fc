using System.Net;
using System.Net.Sockets;
using Npgsql;
using Synclets.Relational;

namespace Synclets.Postgres.Tests.Store;

/// <summary>A store that cannot reach its database says what Synclets was doing and where, with Npgsql's error inside.</summary>
public sealed class ConnectionFailureTests
{
    [Fact]
    public async Task A_server_that_is_not_there_is_named_with_its_host_port_database_and_user()
    {
        var port = UnusedPort();
        await using var dataSource = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={port};Database=shop;Username=app;Password=secret;Timeout=2");
        var (data, meta) = new PostgresStore(dataSource).CreateConnectors(depth: 2);

        var error = await Assert.ThrowsAsync<StoreConnectionException>(() => Synclet.CreateAsync(new SyncletComponents(data, meta)));

        Assert.StartsWith($"Synclets could not open its PostgreSQL store: connecting to database 'shop' on 127.0.0.1:{port} as user 'app' failed: ", error.Message);
        Assert.DoesNotContain("secret", error.Message);
        Assert.IsAssignableFrom<NpgsqlException>(error.InnerException);
    }

    /// <summary>A loopback port nothing listens on: bound, then released.</summary>
    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
