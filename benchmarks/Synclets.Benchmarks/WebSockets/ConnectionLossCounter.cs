using Synclets.WebSockets.Client;

namespace Synclets.Benchmarks.WebSockets;

/// <summary>
/// Counts connections that dropped after opening. A transport reports <c>Connecting</c> again for
/// every failed reconnection attempt, so only a change from <c>Open</c> counts.
/// </summary>
internal sealed class ConnectionLossCounter : IDisposable
{
    private readonly WsClientTransport[] _transports;
    private readonly EventHandler<WsConnectionStateChangedEventArgs>[] _handlers;
    private readonly bool[] _open;
    private int _losses;

    public ConnectionLossCounter(WsClientTransport[] transports)
    {
        _transports = transports;
        _open = new bool[transports.Length];
        _handlers = new EventHandler<WsConnectionStateChangedEventArgs>[transports.Length];
        for (var client = 0; client < transports.Length; client++)
        {
            var index = client;
            _handlers[client] = (_, change) => OnStateChanged(index, change.State);
            transports[client].StateChanged += _handlers[client];
        }
    }

    public int Losses => Volatile.Read(ref _losses);

    /// <summary>Forgets the losses so far (the connections opened; what follows is the run).</summary>
    public void Reset() => Volatile.Write(ref _losses, 0);

    public void Dispose()
    {
        for (var client = 0; client < _transports.Length; client++)
        {
            _transports[client].StateChanged -= _handlers[client];
        }
    }

    /// <summary>Runs on the transport's own thread, one change at a time per transport.</summary>
    private void OnStateChanged(int client, WsConnectionState state)
    {
        var wasOpen = _open[client];
        _open[client] = state == WsConnectionState.Open;
        if (wasOpen && state != WsConnectionState.Open)
        {
            Interlocked.Increment(ref _losses);
        }
    }
}
