using Microsoft.Extensions.Time.Testing;
using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.Tests.Support;
using Synclets.Transports.Faults;

namespace Synclets.Tests.Reliability;

/// <summary>Anti-entropy: every started synclet compares its whole tree with its peers every (jittered) interval.</summary>
public class PeriodicSyncTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000));

    [Fact]
    public async Task A_write_whose_message_was_dropped_arrives_with_the_next_interval_without_a_restart()
    {
        var network = new FaultyNetwork(seed: 1, _time);
        var pool = Guid.NewGuid().ToString("N");
        await using var a = await CreateAsync("a", network.MemoryTransport(pool));
        await using var b = await CreateAsync("b", network.MemoryTransport(pool));
        await a.StartAsync();
        await b.StartAsync();

        network.Settings = new FaultSettings { DropRate = 1 };
        await a.SetAtomAsync(new Address("t", "r"), "lost on the way");
        Assert.True(network.Statistics.PacketsDropped >= 1);
        network.Settings = FaultSettings.None;
        Assert.Null(await b.GetAtomAsync(new Address("t", "r")));

        // Neither synclet restarts nor syncs by hand: the interval alone repairs the loss.
        _time.Advance(Interval * 1.2);
        await Eventually.UntilAsync(async () => await b.GetAtomAsync(new Address("t", "r")) == "lost on the way", "b holds a's write");
        Assert.True(a.IsStarted && b.IsStarted);
    }

    [Fact]
    public async Task Periodic_syncs_come_between_80_and_120_percent_of_the_interval_and_keep_coming()
    {
        var transport = new RawTransport();
        await using var synclet = await CreateAsync("a", transport);
        await synclet.StartAsync();
        await Eventually.UntilAsync(() => Task.FromResult(transport.Sent.Count == 1), "the start's sync is sent");

        _time.Advance(Interval * 0.79);
        await synclet.GetMetaAsync(); // anything queued before this read has run
        Assert.Single(transport.Sent);

        for (var round = 2; round <= 4; round++)
        {
            _time.Advance(Interval * 0.42);
            await Eventually.UntilAsync(() => Task.FromResult(transport.Sent.Count == round), $"periodic sync {round - 1} is sent");
            await synclet.GetMetaAsync(); // queued behind the sync, so its timer is armed again
            _time.Advance(Interval * 0.79);
        }
    }

    [Fact]
    public async Task A_stopped_synclet_and_one_with_an_infinite_interval_send_nothing()
    {
        var stopped = new RawTransport();
        var never = new RawTransport();
        await using var a = await CreateAsync("a", stopped);
        await using var b = await CreateAsync("b", never, Timeout.InfiniteTimeSpan);
        await a.StartAsync();
        await a.StopAsync();
        await b.StartAsync();
        var (sentByA, sentByB) = (stopped.Sent.Count, never.Sent.Count);

        _time.Advance(TimeSpan.FromHours(1));
        await a.GetMetaAsync();
        await b.GetMetaAsync();
        Assert.Equal(sentByA, stopped.Sent.Count);
        Assert.Equal(sentByB, never.Sent.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(31 * 24 * 3600)]
    public async Task An_interval_not_positive_or_over_30_days_is_refused(int seconds)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            CreateAsync("a", new RawTransport(), TimeSpan.FromSeconds(seconds)));
        Assert.Contains("SyncInterval must be positive and at most 30 days", error.Message);
    }

    [Fact]
    public async Task The_longest_interval_starts_and_syncs()
    {
        var transport = new RawTransport();
        await using var synclet = await CreateAsync("a", transport, SyncletOptions.MaxSyncInterval);
        await synclet.StartAsync();
        await Eventually.UntilAsync(() => Task.FromResult(transport.Sent.Count == 1), "the start's sync is sent");
        _time.Advance(SyncletOptions.MaxSyncInterval * 1.21);
        await Eventually.UntilAsync(() => Task.FromResult(transport.Sent.Count == 2), "the periodic sync is sent");
    }

    [Fact]
    public async Task A_start_that_fails_to_arm_its_timer_leaves_nothing_connected()
    {
        var pool = Guid.NewGuid().ToString("N");
        var failing = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(2), new Transports.Memory.MemoryTransport(pool)),
            options: new SyncletOptions { Id = "a", TimeProvider = new NoTimers(), SyncInterval = Interval });
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.StartAsync());
        Assert.False(failing.IsStarted);
        Assert.False(failing.Transports[0].IsConnected);
        await failing.DisposeAsync();

        // Its place in the pool was given back: a synclet with the same id joins.
        await using var again = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(2), new Transports.Memory.MemoryTransport(pool)),
            options: new SyncletOptions { Id = "a", SyncInterval = Interval });
        await again.StartAsync();
    }

    private Task<Synclet> CreateAsync(string id, Transports.Transport transport, TimeSpan? interval = null) =>
        Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(2), transport),
            options: new SyncletOptions { Id = id, TimeProvider = _time, SyncInterval = interval ?? Interval });

    private sealed class NoTimers : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            throw new InvalidOperationException("no timers here");
    }
}
