using Microsoft.Extensions.Logging;
using Synclets.Logging;

namespace Synclets.WebSockets.Server;

/// <summary>
/// What the broker does when a client breaks a limit: count it, warn through a throttle so that no
/// client can flood the log (<see cref="LogThrottle"/>), and disconnect the client when it must go.
/// </summary>
public sealed partial class WsServer
{
    private readonly Lock _sheddingLock = new();

    /// <summary>Every warning a client can cause goes through this; the counters still count each event.</summary>
    internal LogThrottle Warnings { get; }

    internal void DropMalformedPacket(Room room, string senderId, int length)
    {
        Statistics.CountPacketDropped();
        if (Warnings.ShouldLog("dropped malformed packets", senderId))
        {
            Logger.LogWarning("Dropped a malformed packet of {Length} bytes from {Sender} in room '{RoomId}'", length, senderId, room.Id);
        }
    }

    internal void DropOversizePacket(Room room, string senderId)
    {
        Statistics.CountPacketDropped();
        if (Warnings.ShouldLog("dropped oversize messages", senderId))
        {
            Logger.LogWarning("Dropped a message over {MaxFrameBytes} bytes from {Sender} in room '{RoomId}'", Options.MaxFrameBytes, senderId, room.Id);
        }
    }

    /// <summary>Disconnects a client for falling behind; counted and logged once, however many deliveries found it full.</summary>
    internal void DisconnectSlow(ClientConnection client, string why)
    {
        if (client.Close())
        {
            Statistics.CountSlowClientDisconnected();
            if (Warnings.ShouldLog("disconnected slow clients", client.Id))
            {
                Logger.LogWarning("Disconnecting client {ClientId} of room '{RoomId}': {Why}", client.Id, client.Room.Id, why);
            }
        }
    }

    internal void CountRateLimited(ClientConnection client)
    {
        Statistics.CountPacketRateLimited();
        if (Warnings.ShouldLog("dropped packets over a client's rate limit", client.Id))
        {
            Logger.LogWarning("Dropped a packet from {Sender} in room '{RoomId}': it is over its rate limit", client.Id, client.Room.Id);
        }
    }

    internal void DisconnectFlooder(ClientConnection client)
    {
        if (client.Close())
        {
            Statistics.CountFlooderDisconnected();
            if (Warnings.ShouldLog("disconnected flooding clients", client.Id))
            {
                Logger.LogWarning(
                    "Disconnecting client {ClientId} of room '{RoomId}': over its rate limit for {Seconds} s",
                    client.Id,
                    client.Room.Id,
                    Options.MaxTimeOverRateLimit.TotalSeconds);
            }
        }
    }

    internal void DisconnectIdle(ClientConnection client)
    {
        if (client.Close())
        {
            // Not a warning: a client that goes quiet may simply have been left open.
            Statistics.CountIdleClientDisconnected();
            Logger.LogDebug("Disconnecting client {ClientId} of room '{RoomId}': it sent nothing for {IdleTimeout}", client.Id, client.Room.Id, Options.IdleTimeout);
        }
    }

    internal void CountInvalidFrame(ClientConnection client, string reason)
    {
        Statistics.CountInvalidFrame();
        if (Warnings.ShouldLog("connections ended by frames that break the WebSocket protocol", client.Id))
        {
            Logger.LogWarning("Client {ClientId} of room '{RoomId}' sent a frame that breaks the WebSocket protocol: {Reason}", client.Id, client.Room.Id, reason);
        }
    }

    /// <summary>
    /// Makes room for <paramref name="bytes"/> more queued bytes when all backlogs together are at
    /// <see cref="WsServerOptions.MaxQueuedBytes"/>: disconnects the client with the largest backlog,
    /// the one furthest behind. Returns false when there is no backlog left to shed.
    /// </summary>
    internal bool ShedLargestBacklog(long bytes)
    {
        // One at a time, so that clients delivering at once do not each disconnect someone.
        lock (_sheddingLock)
        {
            if (Statistics.QueuedBytes + bytes <= Options.MaxQueuedBytes)
            {
                return true;
            }

            ClientConnection? largest = null;
            lock (_roomsLock)
            {
                foreach (var client in _clients)
                {
                    if (client.QueuedBytes > (largest?.QueuedBytes ?? 0))
                    {
                        largest = client;
                    }
                }
            }

            if (largest is not null)
            {
                DisconnectSlow(largest, $"its backlog of unsent packets was the largest when all backlogs together reached {Options.MaxQueuedBytes} bytes");
            }

            return largest is not null;
        }
    }
}
