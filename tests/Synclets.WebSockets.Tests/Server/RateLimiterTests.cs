using Microsoft.Extensions.Time.Testing;
using Synclets.WebSockets.Server;

namespace Synclets.WebSockets.Tests.Server;

/// <summary>The token buckets behind the per-client rate limits, on a clock moved by hand.</summary>
public sealed class RateLimiterTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void A_full_bucket_lets_a_burst_through_then_refills_at_its_rate()
    {
        var bucket = new TokenBucket(tokensPerSecond: 10, capacity: 5, _clock);

        for (var i = 0; i < 5; i++)
        {
            bucket.Refill(_clock.GetTimestamp());
            Assert.True(bucket.Holds(1));
            bucket.Take(1);
        }

        Assert.False(bucket.Holds(1));
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        bucket.Refill(_clock.GetTimestamp());
        Assert.True(bucket.Holds(1));
        Assert.False(bucket.Holds(2));

        // Never more than the capacity, however long it rests.
        _clock.Advance(TimeSpan.FromHours(1));
        bucket.Refill(_clock.GetTimestamp());
        Assert.True(bucket.Holds(5));
        Assert.False(bucket.Holds(5.01));
    }

    [Fact]
    public void An_infinite_rate_never_limits()
    {
        var options = new WsServerOptions
        {
            MaxPacketsPerSecondPerClient = double.PositiveInfinity,
            PacketBurstPerClient = double.PositiveInfinity,
            MaxBytesPerSecondPerClient = double.PositiveInfinity,
            ByteBurstPerClient = double.PositiveInfinity,
        };
        var limiter = new ClientRateLimiter(options, _clock);

        for (var i = 0; i < 100_000; i++)
        {
            Assert.Equal(RateDecision.Accepted, limiter.Admit(1024 * 1024));
        }
    }

    [Fact]
    public void Packets_over_either_limit_are_dropped_without_using_up_the_other()
    {
        var options = new WsServerOptions { MaxFrameBytes = 100, MaxPacketsPerSecondPerClient = 10, PacketBurstPerClient = 10, MaxBytesPerSecondPerClient = 1000, ByteBurstPerClient = 1000 };
        var limiter = new ClientRateLimiter(options, _clock);

        // Ten packets of 100 bytes empty both buckets at once.
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(RateDecision.Accepted, limiter.Admit(100));
        }

        Assert.Equal(RateDecision.Dropped, limiter.Admit(1));

        // A tenth of a second earns one packet and 100 bytes: a 101-byte packet is over the byte limit,
        // and being refused takes no packet token, so a 100-byte one still passes.
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(RateDecision.Dropped, limiter.Admit(101));
        Assert.Equal(RateDecision.Accepted, limiter.Admit(100));
        Assert.Equal(RateDecision.Dropped, limiter.Admit(0));
    }

    [Fact]
    public void A_client_over_its_limit_for_MaxTimeOverRateLimit_is_flooding()
    {
        var options = new WsServerOptions { MaxPacketsPerSecondPerClient = 10, PacketBurstPerClient = 10, MaxTimeOverRateLimit = TimeSpan.FromSeconds(3) };
        var limiter = new ClientRateLimiter(options, _clock);
        var decisions = new List<RateDecision>();

        // Forty packets a second, four times the limit, for four seconds.
        for (var tick = 0; tick < 160; tick++)
        {
            decisions.Add(limiter.Admit(10));
            _clock.Advance(TimeSpan.FromMilliseconds(25));
        }

        var firstDrop = decisions.IndexOf(RateDecision.Dropped);
        var firstFlood = decisions.IndexOf(RateDecision.Flooding);
        Assert.InRange(firstDrop, 10, 20);
        Assert.Equal(firstDrop + (3 * 40), firstFlood);
    }

    [Fact]
    public void A_client_that_calms_down_for_a_second_starts_its_time_over_the_limit_again()
    {
        var options = new WsServerOptions { MaxPacketsPerSecondPerClient = 10, PacketBurstPerClient = 10, MaxTimeOverRateLimit = TimeSpan.FromSeconds(3) };
        var limiter = new ClientRateLimiter(options, _clock);

        // Bursts of 30 packets every 2 s: over the limit each time, but never for long, so never flooding.
        for (var burst = 0; burst < 10; burst++)
        {
            for (var i = 0; i < 30; i++)
            {
                Assert.NotEqual(RateDecision.Flooding, limiter.Admit(10));
            }

            _clock.Advance(ClientRateLimiter.Forgiveness + TimeSpan.FromSeconds(1));
        }
    }
}
