using Microsoft.Extensions.Logging;

namespace Synclets.WebSockets.Server;

/// <summary>
/// The synclets <see cref="WsServerOptions.CreateRoomSynclet"/> makes: one per room with clients,
/// started before the room's first client is let in (so its first message finds the synclet) and
/// disposed after its last client leaves. A room's next synclet starts only once the previous one
/// is disposed, so two never share a store.
/// </summary>
internal sealed class RoomSynclets(WsServer server) : IAsyncDisposable
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>The started synclet of <paramref name="roomId"/>, or null when the room has none now.</summary>
    public Synclet? Find(string roomId)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(roomId, out var entry) && entry.Current.IsCompletedSuccessfully ? entry.Current.Result : null;
        }
    }

    /// <summary>Counts a client in; false if the room's synclet could not be created or started.</summary>
    public async Task<bool> EnterAsync(string roomId)
    {
        if (server.Options.CreateRoomSynclet is null)
        {
            return true;
        }

        Task<Synclet?> current;
        lock (_lock)
        {
            if (_disposed)
            {
                return false;
            }

            if (!_entries.TryGetValue(roomId, out var entry))
            {
                entry = new Entry();
                _entries.Add(roomId, entry);
            }

            if (++entry.Clients == 1)
            {
                entry.Current = StartAfterAsync(entry.Current, roomId);
            }

            current = entry.Current;
        }

        if (await current.ConfigureAwait(false) is not null)
        {
            return true;
        }

        await LeaveAsync(roomId).ConfigureAwait(false);
        return false;
    }

    /// <summary>Counts a client out; the last one out disposes the room's synclet.</summary>
    public async Task LeaveAsync(string roomId)
    {
        if (server.Options.CreateRoomSynclet is null)
        {
            return;
        }

        Task<Synclet?> stopping;
        lock (_lock)
        {
            // Gone when the server is being disposed: its synclet is already on its way out.
            if (!_entries.TryGetValue(roomId, out var entry) || --entry.Clients > 0)
            {
                return;
            }

            stopping = entry.Current = StopAfterAsync(entry.Current, roomId);
        }

        await stopping.ConfigureAwait(false);
        lock (_lock)
        {
            // Forget the room unless a client came back meanwhile.
            if (_entries.TryGetValue(roomId, out var entry) && entry.Clients == 0 && entry.Current == stopping)
            {
                _entries.Remove(roomId);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task<Synclet?>[] pending;
        lock (_lock)
        {
            _disposed = true;
            pending = [.. _entries.Select(pair => StopAfterAsync(pair.Value.Current, pair.Key))];
            _entries.Clear();
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    private async Task<Synclet?> StartAfterAsync(Task<Synclet?> previous, string roomId)
    {
        await previous.ConfigureAwait(false);
        var transport = new WsServerTransport(server, roomId, server.Options.RoomTransportOptions);
        Synclet? synclet = null;
        try
        {
            synclet = await server.Options.CreateRoomSynclet!(roomId, transport, server.Stopping).ConfigureAwait(false);
            if (!synclet.Transports.Contains(transport))
            {
                throw new InvalidOperationException("The room synclet factory must give the synclet the WsServerTransport it is handed.");
            }

            await synclet.StartAsync(server.Stopping).ConfigureAwait(false);
            server.Logger.LogInformation("Room '{RoomId}' opened with synclet {SyncletId}", roomId, synclet.Id);
            return synclet;
        }
        catch (OperationCanceledException) when (server.Stopping.IsCancellationRequested)
        {
            server.Logger.LogDebug("Room '{RoomId}' was not opened: the server is stopping", roomId);
            if (synclet is not null)
            {
                await synclet.DisposeAsync().ConfigureAwait(false);
            }

            return null;
        }
        catch (Exception exception)
        {
            server.Logger.LogError(exception, "Could not open room '{RoomId}': its synclet failed to start", roomId);
            if (synclet is not null)
            {
                await synclet.DisposeAsync().ConfigureAwait(false);
            }

            return null;
        }
    }

    private async Task<Synclet?> StopAfterAsync(Task<Synclet?> previous, string roomId)
    {
        if (await previous.ConfigureAwait(false) is not { } synclet)
        {
            return null;
        }

        try
        {
            await synclet.DisposeAsync().ConfigureAwait(false);
            server.Logger.LogInformation("Room '{RoomId}' closed; its synclet {SyncletId} is disposed", roomId, synclet.Id);
        }
        catch (Exception exception)
        {
            server.Logger.LogError(exception, "Room '{RoomId}': its synclet failed to dispose", roomId);
        }

        return null;
    }

    private sealed class Entry
    {
        public int Clients { get; set; }

        public Task<Synclet?> Current { get; set; } = Task.FromResult<Synclet?>(null);
    }
}
