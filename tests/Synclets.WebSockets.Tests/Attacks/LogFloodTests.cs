using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Synclets.Conformance.Support;
using Synclets.WebSockets.Server;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Attacks;

/// <summary>A flood of garbage costs a few log lines and one summary, not a line per frame.</summary>
public sealed class LogFloodTests
{
    // The broker's LogThrottle: five warnings of a kind per ten-second window, then one summary.
    private const int WarningsPerWindow = 5;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_hundred_thousand_malformed_frames_write_at_most_a_few_log_lines_and_a_summary()
    {
        const int frames = 100_000;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var log = new LogLines();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(log));

        // No rate limit: every frame must reach the parser, where it is found malformed and dropped.
        await using var server = await WsServer.StartAsync(Loopback.AnyPort, Unlimited(clock), loggerFactory);
        await using var hostile = await RawPeer.ConnectAsync(server.RoomUri("room"));
        var linesBefore = log.Count;

        for (var i = 0; i < frames; i++)
        {
            await hostile.SendTextAsync("no-spaces-at-all");
        }

        await Eventually.UntilAsync(() => Task.FromResult(server.Statistics.PacketsDropped == frames), $"every frame is counted (dropped {server.Statistics.PacketsDropped:N0})");
        Assert.Equal(WarningsPerWindow, log.Count - linesBefore);

        // The window's end brings one line that says how many were left out.
        clock.Advance(Window);
        await Eventually.UntilAsync(() => Task.FromResult(log.Count - linesBefore == WarningsPerWindow + 1), "the summary is written");
        Assert.Contains(log.Lines, line => line.Contains(string.Create(CultureInfo.InvariantCulture, $"{frames - WarningsPerWindow:N0} more warnings not logged (dropped malformed packets) from 1 source"), StringComparison.Ordinal));
    }

    private static WsServerOptions Unlimited(TimeProvider clock) => new()
    {
        TimeProvider = clock,
        MaxPacketsPerSecondPerClient = double.PositiveInfinity,
        PacketBurstPerClient = double.PositiveInfinity,
    };
}
