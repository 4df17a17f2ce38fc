using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Synclets.Clocks;
using Synclets.Connectors.Memory;
using Synclets.Protocol;
using Synclets.Tests.Support;

namespace Synclets.Tests.Reliability;

/// <summary>A peer's clock far ahead cannot drag this synclet's clock, or its later writes, into the future.</summary>
public sealed class ClockSkewTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly RawTransport _peer = new();
    private readonly ConcurrentQueue<ClockSkewEventArgs> _events = new();
    private Synclet _synclet = null!;

    public async Task InitializeAsync()
    {
        _synclet = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(2), _peer),
            options: new SyncletOptions { Id = "victim", TimeProvider = _time, MaxClockSkew = TimeSpan.FromMinutes(5), SyncInterval = Timeout.InfiniteTimeSpan });
        _synclet.ClockSkewDetected += (_, skew) => _events.Enqueue(skew);
        await _synclet.StartAsync();
    }

    public async Task DisposeAsync() => await _synclet.DisposeAsync();

    [Fact]
    public async Task A_write_further_ahead_than_the_skew_is_refused_reported_and_leaves_the_clock_alone()
    {
        var future = Stamp(Start + TimeSpan.FromMinutes(10), "peer");
        _peer.InjectMessage("peer", new Message(2, new Address("t", "a"), new TimestampAndAtomNode(future, "from the future"), MessageContext.Empty));
        await _synclet.WhenReceivedProcessedAsync();
        await _synclet.SetAtomAsync(new Address("t", "b"), "mine");

        Assert.Null(await _synclet.GetAtomAsync(new Address("t", "a")));
        Assert.Equal(1, _synclet.Statistics.WritesTooFarAhead);
        var skew = Assert.Single(_events);
        Assert.Equal(("peer", new Address("t", "a"), future, TimeSpan.FromMinutes(10)), (skew.Peer, skew.Address, skew.Timestamp, skew.Ahead));
        Assert.Equal(Start.ToUnixTimeMilliseconds(), LogicalTimeOf(await TimestampAsync(new Address("t", "b"))));
    }

    [Fact]
    public async Task A_write_within_the_skew_is_applied_and_moves_the_clock_past_it()
    {
        var ahead = Stamp(Start + TimeSpan.FromMinutes(4), "peer");
        _peer.InjectMessage("peer", new Message(2, new Address("t", "a"), new TimestampAndAtomNode(ahead, "soon"), MessageContext.Empty));
        await _synclet.WhenReceivedProcessedAsync();
        await _synclet.SetAtomAsync(new Address("t", "b"), "mine");

        Assert.Equal("soon", await _synclet.GetAtomAsync(new Address("t", "a")));
        Assert.Empty(_events);
        Assert.True(string.CompareOrdinal(await TimestampAsync(new Address("t", "b")), ahead) > 0);
    }

    [Fact]
    public async Task The_same_write_is_applied_once_the_clock_has_caught_up()
    {
        var future = Stamp(Start + TimeSpan.FromMinutes(10), "peer");
        var message = new Message(2, new Address("t", "a"), new TimestampAndAtomNode(future, "later"), MessageContext.Empty);
        _peer.InjectMessage("peer", message);
        await _synclet.WhenReceivedProcessedAsync();
        await _synclet.GetMetaAsync();
        Assert.Single(_events);

        _time.Advance(TimeSpan.FromMinutes(6));
        _peer.InjectMessage("peer", message);
        await _synclet.WhenReceivedProcessedAsync();
        Assert.Equal("later", await _synclet.GetAtomAsync(new Address("t", "a")));
        Assert.Single(_events);
    }

    [Fact]
    public async Task A_handler_that_throws_does_not_keep_the_next_one_from_hearing()
    {
        var heard = 0;
        _synclet.ClockSkewDetected += (_, _) => throw new InvalidOperationException("a broken handler");
        _synclet.ClockSkewDetected += (_, _) => Interlocked.Increment(ref heard);

        _peer.InjectMessage("peer", new Message(2, new Address("t", "a"), new TimestampAndAtomNode(Stamp(Start + TimeSpan.FromHours(1), "peer"), 1), MessageContext.Empty));

        await _synclet.WhenReceivedProcessedAsync();
        await _synclet.GetMetaAsync();
        Assert.Equal(1, heard);
        Assert.Single(_events);
    }

    private static string Stamp(DateTimeOffset time, string syncletId) =>
        HybridLogicalClock.Encode(time.ToUnixTimeMilliseconds(), 0, HybridLogicalClock.GetClientId(syncletId));

    private static long LogicalTimeOf(string timestamp)
    {
        Assert.True(HybridLogicalClock.TryDecode(timestamp, out var logicalTime, out _));
        return logicalTime;
    }

    private async Task<string> TimestampAsync(Address address)
    {
        Assert.True((await _synclet.GetMetaAsync()).TryGetLeaf(address, out var timestamp));
        return timestamp;
    }
}
