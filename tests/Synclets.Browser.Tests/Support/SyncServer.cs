using System.Net;
using System.Net.Sockets;
using Synclets.Conformance.Support;

namespace Synclets.Browser.Tests.Support;

/// <summary>
/// <c>synclets serve</c> (a stateless room broker) on a loopback port that stays the same across
/// <see cref="StopAsync"/> and <see cref="StartAsync"/>, so its clients can find it again.
/// </summary>
internal sealed class SyncServer : IAsyncDisposable
{
    private readonly int _port = FreePort();
    private ServerProcess? _process;

    /// <summary>The WebSocket address of room <paramref name="room"/>.</summary>
    public Uri Room(string room) => new($"ws://127.0.0.1:{_port}/{Uri.EscapeDataString(room)}");

    /// <summary>Starts the server and waits until it listens.</summary>
    public async Task StartAsync() =>
        _process = await ServerProcess.StartAppAsync(ServerProcess.BuiltApp("SyncletsTool"), $"http://127.0.0.1:{_port}", new Dictionary<string, string>(), workingDirectory: null, "serve");

    /// <summary>Kills the server, as a crash would: its clients see the connection drop.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await process.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(StopAsync());

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
