using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Synclets.Clocks;
using Synclets.Tests.Support;

namespace Synclets.Tests.Clocks;

public class HybridLogicalClockTests
{
    public static IEnumerable<object[]> EncodeVectors => Vectors.Rows("hlcEncode");

    [Theory]
    [MemberData(nameof(EncodeVectors))]
    public void Encodes_exactly_like_the_TypeScript_peers(string row)
    {
        var vector = JsonDocument.Parse(row).RootElement;
        var id = vector.GetProperty("id").GetString()!;
        var clientId = HybridLogicalClock.GetClientId(id);
        Assert.Equal(vector.GetProperty("clientId").GetString(), clientId);

        var hlc = HybridLogicalClock.Encode(vector.GetProperty("logicalTime").GetInt64(), vector.GetProperty("counter").GetInt32(), clientId);
        Assert.Equal(vector.GetProperty("hlc").GetString(), hlc);

        Assert.True(HybridLogicalClock.TryDecode(hlc, out var logicalTime, out var counter));
        Assert.Equal(vector.GetProperty("logicalTime").GetInt64(), logicalTime);
        Assert.Equal(vector.GetProperty("counter").GetInt32(), counter);
    }

    [Fact]
    public void Follows_the_golden_clock_sequence()
    {
        var sequence = Vectors.Get("hlcSequence");
        var time = new FakeTimeProvider();
        var clock = new HybridLogicalClock(sequence.GetProperty("id").GetString()!, time);
        foreach (var step in sequence.GetProperty("steps").EnumerateArray())
        {
            time.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(step.GetProperty("now").GetInt64()));
            if (step.GetProperty("op").GetString() == "next")
            {
                Assert.Equal(step.GetProperty("result").GetString(), clock.Next());
            }
            else
            {
                clock.Seen(step.GetProperty("remote").GetString()!);
            }
        }
    }

    [Fact]
    public void Timestamps_always_increase_even_when_the_wall_clock_goes_back()
    {
        var time = new AdjustableTime { Now = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000) };
        var clock = new HybridLogicalClock("a", time);
        var previous = clock.Next();
        for (var i = 0; i < 1000; i++)
        {
            time.Now = time.Now.AddMilliseconds(i % 3 == 0 ? -5 : 1);
            var next = clock.Next();
            Assert.True(string.CompareOrdinal(next, previous) > 0, $"{next} should sort after {previous}");
            previous = next;
        }
    }

    [Fact]
    public void A_full_counter_moves_to_the_next_millisecond_instead_of_wrapping()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_000));
        var clock = new HybridLogicalClock("a", time);
        clock.Seen(HybridLogicalClock.Encode(1_000, HybridLogicalClock.MaxCounter, "-----"));
        var next = clock.Next();
        Assert.True(HybridLogicalClock.TryDecode(next, out var logicalTime, out var counter));
        Assert.Equal(1_001, logicalTime);
        Assert.Equal(0, counter);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("OhqqeV-----BT7z!")]
    [InlineData("OhqqeV-----BT7zqX")]
    public void Malformed_timestamps_do_not_decode(string timestamp) =>
        Assert.False(HybridLogicalClock.TryDecode(timestamp, out _, out _));

    [Fact]
    public void A_clock_knows_its_own_timestamps_by_their_client_id()
    {
        var clock = new HybridLogicalClock("a", new FakeTimeProvider());
        Assert.True(clock.IsOwn(clock.Next()));
        Assert.True(clock.IsOwn(HybridLogicalClock.Encode(5, 0, HybridLogicalClock.GetClientId("a"))));
        Assert.False(clock.IsOwn(new HybridLogicalClock("b", new FakeTimeProvider()).Next()));
        Assert.False(clock.IsOwn(string.Empty));
        Assert.False(clock.IsOwn(clock.ClientId));
    }

    /// <summary>A wall clock that, unlike FakeTimeProvider, may be set backwards (as NTP can).</summary>
    private sealed class AdjustableTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
