using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Synclets.WebSockets.Server;

/// <summary>
/// How many rooms each client address has opened in its current window
/// (<see cref="WsServerOptions.MaxRoomsCreatedPerClient"/> per <see cref="WsServerOptions.RoomCreationWindow"/>).
/// A window starts with an address's first new room and ends a window's length later. Not thread-safe:
/// <see cref="RoomAdmission"/> calls it under its lock.
/// </summary>
internal sealed class RoomCreationQuota(int maxPerWindow, TimeSpan window)
{
    /// <summary>Expired windows are swept once the table reaches this size, and then twice the size it kept.</summary>
    private const int FirstSweepAt = 1024;

    private readonly Dictionary<IPAddress, Window> _windows = [];
    private int _sweepAt = FirstSweepAt;

    /// <summary>Counts a new room for <paramref name="client"/>; false, counting nothing, if its window is used up.</summary>
    public bool TryTake(IPAddress? client)
    {
        var now = Stopwatch.GetTimestamp();
        var key = KeyOf(client);
        if (!_windows.TryGetValue(key, out var current) || HasEnded(current, now))
        {
            SweepIfLarge(now);
            _windows[key] = new Window(now, 1);
            return true;
        }

        if (current.Count >= maxPerWindow)
        {
            return false;
        }

        _windows[key] = current with { Count = current.Count + 1 };
        return true;
    }

    /// <summary>
    /// The address a quota belongs to. An IPv6 host is usually given a whole /64, so counting its
    /// single addresses would give it 2^64 quotas; an unknown address (no TCP peer, as behind some
    /// test hosts) shares one quota with every other unknown.
    /// </summary>
    private static IPAddress KeyOf(IPAddress? client)
    {
        if (client is null)
        {
            return IPAddress.None;
        }

        if (client.IsIPv4MappedToIPv6)
        {
            return client.MapToIPv4();
        }

        if (client.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return client;
        }

        var bytes = client.GetAddressBytes();
        bytes.AsSpan(8).Clear();
        return new IPAddress(bytes);
    }

    private bool HasEnded(Window current, long now) => Stopwatch.GetElapsedTime(current.Start, now) >= window;

    // Addresses come and go; without a sweep, every address ever seen would stay in the table.
    private void SweepIfLarge(long now)
    {
        if (_windows.Count < _sweepAt)
        {
            return;
        }

        foreach (var (address, current) in _windows)
        {
            if (HasEnded(current, now))
            {
                _windows.Remove(address);
            }
        }

        _sweepAt = Math.Max(FirstSweepAt, _windows.Count * 2);
    }

    private readonly record struct Window(long Start, int Count);
}
