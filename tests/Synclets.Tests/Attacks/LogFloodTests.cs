using Synclets.Conformance.Support;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Synclets.Logging;
using Synclets.Tests.Support;
using Synclets.Wire;

namespace Synclets.Tests.Attacks;

/// <summary>A peer decides how often drops happen, so it must not decide how much is logged: a few lines per kind per window, then a summary.</summary>
public sealed class LogFloodTests
{
    [Fact]
    public async Task A_hundred_thousand_garbage_packets_write_a_handful_of_lines_and_are_all_counted()
    {
        await using var target = await HostileTarget.StartAsync(2, WireFormat.Json);
        for (var i = 0; i < 100_000; i++)
        {
            target.Peer.Inject(Encoding.UTF8.GetBytes("garbage" + i));
        }

        // Packets that make whole messages which do not decode: refused by the synclet, not the transport.
        for (var i = 0; i < 5_000; i++)
        {
            target.Peer.Inject(Encoding.UTF8.GetBytes($"peer m{i} 0 1 [1,0,2,{i}"));
        }

        await target.Synclet.WhenReceivedProcessedAsync();
        Assert.Equal(100_000, target.Peer.Statistics.PacketsDropped);
        Assert.Equal(5_000, target.Synclet.Statistics.MessagesRejected);
        Assert.Equal(2 * LogThrottle.WarningsPerWindow, target.Log.Warnings.Count);

        // When the window ends, one line says how many were left out.
        target.Time.Advance(LogThrottle.Window);
        await Eventually.UntilAsync(() => Task.FromResult(target.Log.Warnings.Count(line => line.Contains("more warnings not logged")) == 2), "both kinds are summed up");
        Assert.Contains(target.Log.Warnings, line => line.Contains("99,995 more warnings not logged (dropped malformed packets)"));
    }

    [Fact]
    public void The_throttle_logs_the_first_few_then_counts_sources_in_its_summary()
    {
        var time = new FakeTimeProvider();
        var log = new CountingLogger();
        var throttle = new LogThrottle(log, time, "me");
        var allowed = Enumerable.Range(0, 1_000).Count(i => throttle.ShouldLog("dropped things", "peer" + (i % 3)));
        Assert.Equal(LogThrottle.WarningsPerWindow, allowed);
        Assert.Empty(log.Warnings); // the caller writes the allowed ones; the throttle only summarizes

        time.Advance(LogThrottle.Window);
        var summary = Assert.Single(log.Warnings);
        Assert.Equal("[me] 995 more warnings not logged (dropped things) from 3 sources in the last 10 s", summary);
        Assert.True(throttle.ShouldLog("dropped things"), "a new window logs again");
    }
}
