using Synclets.Transports;
using Synclets.WebSockets.Server;
using Synclets.Wire;

namespace Synclets.Tool.Serve;

/// <summary>
/// <c>synclets serve</c>: a standalone sync server. Every URL path is a room (ws://host:port/&lt;room&gt;).
/// On its own it relays packets between the clients of a room and stores nothing; with --store every
/// room also has a synclet on the server that keeps the room's data in SQLite, so a client that
/// connects later, or alone, still finds it. With --token only clients that present the secret get in.
/// </summary>
internal static class ServeCommand
{
    /// <summary>Runs the server until Ctrl+C; the exit code is 1 for bad arguments or a port that cannot be bound.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["--help"] or ["-h"] or ["-?"])
        {
            Console.WriteLine(ServerArguments.Usage);
            return 0;
        }

        ServerArguments arguments;
        IRoomStore? rooms = null;
        try
        {
            arguments = ServerArguments.Parse(args);
            rooms = arguments.StorePath is { } path ? await SqliteRooms.OpenAsync(path, arguments.Depth)
                : arguments.Postgres is { } connectionString ? await PostgresRooms.OpenAsync(connectionString, arguments.Depth)
                : null;
        }
        catch (ArgumentException exception)
        {
            Console.Error.WriteLine(exception.Message);
            Console.Error.WriteLine(ServerArguments.Usage);
            return 1;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(arguments.Urls);
        builder.Logging.AddSimpleConsole(console => (console.SingleLine, console.TimestampFormat) = (true, "HH:mm:ss "));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning); // not a line per request
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None); // start failures are reported below, without a stack trace
        var serverOptions = new WsServerOptions
        {
            AuthorizeUpgrade = arguments.Token is { } token ? new UpgradeToken(token).AuthorizeAsync : null,
            CreateRoomSynclet = rooms is null ? null : rooms.CreateAsync,
            RoomTransportOptions = new TransportOptions { WireFormat = arguments.Json ? WireFormat.Json : WireFormat.MessagePack },
            MaxRooms = arguments.MaxRooms,
            MaxRoomsCreatedPerClient = arguments.MaxNewRoomsPerClient,
        };
        if (arguments.Cluster is { } cluster)
        {
            try
            {
                await ClusterNode.AddAsync(builder, cluster, serverOptions, rooms);
            }
            catch (ArgumentException exception)
            {
                Console.Error.WriteLine(exception.Message);
                if (rooms is not null)
                {
                    await rooms.DisposeAsync();
                }

                return 1;
            }
        }
        else
        {
            builder.Services.AddSyncletServer(serverOptions);
        }

        var health = builder.Services.AddHealthChecks().AddSyncletServer();
        if (rooms is not null)
        {
            health.AddCheck("rooms-store", new RoomStoreHealthCheck(rooms));
        }

        var app = builder.Build();
        if (rooms is not null)
        {
            rooms.Loggers = app.Services.GetRequiredService<ILoggerFactory>();
        }

        app.MapHealthChecks("/healthz"); // 200 Healthy, 503 Unhealthy (the broker is stopping, or the rooms' store is gone)
        app.MapSyncletInspector("/_synclets"); // before the rooms: its paths are not rooms
        app.MapSyncletServer("/{**room}");
        if (rooms is null)
        {
            app.Logger.LogInformation("Relaying between the clients of each room; nothing is stored");
        }
        else
        {
            app.Logger.LogInformation("Storing every room in {Store} (depth {Depth}, {Format})", rooms.Description, arguments.Depth, arguments.Json ? "JSON" : "MessagePack");
        }

        if (arguments.Cluster is { } node)
        {
            app.Logger.LogInformation("Node of cluster '{ClusterId}' (membership in PostgreSQL), reached by other nodes at {Address}:{Port}", node.ClusterId, node.SiloAddress, node.SiloPort);
        }

        if (arguments.Token is null)
        {
            // Said at every start: an open server is easy to forget, and a web page on this machine can reach it too.
            app.Logger.LogWarning("No --token: anyone who can reach this server can read, write and delete every room. Start it with --token <secret> or --token-file <path>");
        }
        else
        {
            app.Logger.LogInformation("Clients must present the token (Authorization: Bearer <token>, or ?token=<token> in the URL)");
        }

        app.Logger.LogInformation("Inspector page at /_synclets/ (same token as the clients: /_synclets/?token=<token>)");
        app.Logger.LogInformation("At most {MaxRooms} rooms open at once, {MaxNewRooms} new rooms per client address per minute", arguments.MaxRooms, arguments.MaxNewRoomsPerClient);

        try
        {
            await app.RunAsync(); // until Ctrl+C; the broker lets its clients go and closes the room synclets
        }
        catch (IOException exception)
        {
            // Kestrel could not bind, typically because the port is taken.
            Console.Error.WriteLine(exception.Message);
            return 1;
        }
        finally
        {
            if (rooms is not null)
            {
                await rooms.DisposeAsync();
            }
        }

        return 0;
    }
}
