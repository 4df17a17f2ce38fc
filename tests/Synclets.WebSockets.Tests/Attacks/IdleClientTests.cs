using Microsoft.Extensions.Time.Testing;
using Synclets.Conformance.Support;
using Synclets.WebSockets.Server;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Attacks;

/// <summary>
/// A client that connects and says nothing, to hold a place, is let go after
/// <see cref="WsServerOptions.IdleTimeout"/>, which is on by default; one that talks stays.
/// </summary>
public sealed class IdleClientTests
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public void IdleTimeout_is_on_by_default_at_five_minutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), new WsServerOptions().IdleTimeout);
    }

    [Fact]
    public async Task A_client_that_says_nothing_is_disconnected_once_IdleTimeout_has_passed()
    {
        await using var server = await Loopback.StartServerAsync(new WsServerOptions { IdleTimeout = IdleTimeout, TimeProvider = _clock });
        await using var silent = await RawPeer.ConnectAsync(server.RoomUri("room"));
        var connectedAt = _clock.GetUtcNow();

        // Time moves only here, a few seconds per look.
        await Eventually.UntilAsync(
            () =>
            {
                _clock.Advance(TimeSpan.FromSeconds(5));
                return Task.FromResult(server.GetRoomIds().Count == 0);
            },
            "the silent client is gone");

        Assert.True(_clock.GetUtcNow() - connectedAt >= IdleTimeout, $"disconnected after {_clock.GetUtcNow() - connectedAt}");
        Assert.Equal(1, server.Statistics.IdleClientsDisconnected);
    }

    [Fact]
    public async Task A_client_that_keeps_sending_is_never_idle()
    {
        await using var server = await Loopback.StartServerAsync(new WsServerOptions { IdleTimeout = IdleTimeout, TimeProvider = _clock });
        await using var talker = await RawPeer.ConnectAsync(server.RoomUri("room"));

        // Four idle timeouts in all, a packet every 0.4 of one. Each packet is addressed to nobody, so
        // the broker counts it as dropped: that count says it arrived before time moves on.
        const int packets = 10;
        for (var i = 1; i <= packets; i++)
        {
            await talker.SendTextAsync("nobody AAAAAAAAAAAAAAAA 0 1 []");
            await Eventually.UntilAsync(() => Task.FromResult(server.Statistics.PacketsDropped == i), $"packet {i} has arrived");
            _clock.Advance(IdleTimeout * 0.4);
        }

        await talker.SendTextAsync("nobody AAAAAAAAAAAAAAAA 0 1 []");
        await Eventually.UntilAsync(() => Task.FromResult(server.Statistics.PacketsDropped == packets + 1), "the talker is still heard");
        Assert.Single(server.GetClientIds("room"));
        Assert.Equal(0, server.Statistics.IdleClientsDisconnected);
    }
}
