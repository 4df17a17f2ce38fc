using Synclets.Transports;
using Synclets.WebSockets.Server;

namespace Synclets.Tool.Serve;

/// <summary>Where a server keeps its rooms: one database, every room's rows under its own scope (the room id).</summary>
internal interface IRoomStore : IAsyncDisposable
{
    /// <summary>Where room synclets log; set once the application's loggers exist, before any room opens.</summary>
    ILoggerFactory Loggers { set; }

    /// <summary>The store as the server's start-up line names it.</summary>
    string Description { get; }

    /// <summary>Reaches the store as a room synclet would; throws when it cannot (the health check's question).</summary>
    Task CheckAsync(CancellationToken cancellationToken);

    /// <summary>Makes the synclet that stores room <paramref name="roomId"/>, on <paramref name="transport"/> (a server transport, or a room grain's).</summary>
    Task<Synclet> CreateAsync(string roomId, Transport transport, CancellationToken cancellationToken);
}
