using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Synclets.Conformance.Support;
using Synclets.Logging;
using Synclets.Orleans.Grains;
using Synclets.Orleans.Rooms;

namespace Synclets.Orleans.Tests.Rooms;

/// <summary>What a room's grain does with the nodes' pushes, without a silo: routing, order, learning, and giving up on nodes.</summary>
public sealed class RoomRoutesTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task A_broadcast_reaches_every_other_node_in_order_and_a_directed_packet_only_its_addressee()
    {
        var routes = Routes();
        var (a, b, c) = (new RecordingNode(), new RecordingNode(), new RecordingNode());
        routes.Push(new RoomPush("A", a, ["a1"], []));
        routes.Push(new RoomPush("B", b, ["b1"], []));
        routes.Push(new RoomPush("C", c, ["c1"], []));

        var receipt = routes.Push(new RoomPush("A", a, null, [Packet("a1", "*", 1), Packet("a1", "*", 2), Packet("a1", "b1", 3), Packet("a1", "*", 4)]));

        Assert.Equal(new RoomReceipt(true, 0), receipt);
        await Eventually.UntilAsync(() => Task.FromResult(b.Received.Count == 4 && c.Received.Count == 3), "both nodes have their packets");
        Assert.Equal([1, 2, 3, 4], b.Received.Select(packet => (int)packet.Bytes[0]));
        Assert.Equal([1, 2, 4], c.Received.Select(packet => (int)packet.Bytes[0]));
        Assert.Empty(a.Received);
    }

    [Fact]
    public async Task A_fresh_grain_learns_a_node_from_its_packets_and_asks_for_its_member_list()
    {
        var routes = Routes();
        var (a, b) = (new RecordingNode(), new RecordingNode());
        routes.Push(new RoomPush("B", b, ["b1"], []));

        // As after the grain moved: node A's push carries no member list.
        var receipt = routes.Push(new RoomPush("A", a, null, [Packet("a1", "*", 1)]));
        Assert.False(receipt.KnowsNode);

        // The sender is known from its packet, so an answer reaches it before A sends its list.
        routes.Push(new RoomPush("B", b, null, [Packet("b1", "a1", 2)]));
        await Eventually.UntilAsync(() => Task.FromResult(a.Received.Count == 1 && b.Received.Count == 1), "both packets are delivered");
        Assert.True(routes.Push(new RoomPush("A", a, ["a1", "a2"], [])).KnowsNode);
        Assert.True(routes.Contains("a2"));
    }

    [Fact]
    public void A_packet_for_a_member_that_is_nowhere_is_counted_undeliverable()
    {
        var routes = Routes();
        var a = new RecordingNode();
        routes.Push(new RoomPush("A", a, ["a1"], []));

        var receipt = routes.Push(new RoomPush("A", a, null, [Packet("a1", "nobody", 1), Packet("a1", "a1", 2)]));

        // Its own node's member is not "elsewhere": the node would have delivered it itself.
        Assert.Equal(2, receipt.Undeliverable);
    }

    [Fact]
    public void Members_who_leave_are_no_longer_reached()
    {
        var routes = Routes();
        var (a, b) = (new RecordingNode(), new RecordingNode());
        routes.Push(new RoomPush("A", a, ["a1"], []));
        routes.Push(new RoomPush("B", b, ["b1"], [new RoomEntry(RoomEntryKind.Joined, "b2"), new RoomEntry(RoomEntryKind.Left, "b1")]));

        Assert.Equal(1, routes.Push(new RoomPush("A", a, null, [Packet("a1", "b1", 1), Packet("a1", "b2", 2)])).Undeliverable);
        routes.Leave("B");
        Assert.False(routes.Contains("b2"));
        Assert.Equal(1, routes.Push(new RoomPush("A", a, null, [Packet("a1", "b2", 3)])).Undeliverable);
    }

    [Fact]
    public void A_node_that_falls_too_far_behind_is_dropped_until_it_pushes_again()
    {
        var routes = Routes(new SyncletClusterOptions { MaxQueuedBytesPerRoom = 100 });
        var (a, stuck) = (new RecordingNode(), new RecordingNode(blocked: true));
        routes.Push(new RoomPush("A", a, ["a1"], []));
        routes.Push(new RoomPush("S", stuck, ["s1"], []));

        // The first packet is on its way (and never arrives); the next ones queue until the backlog is full.
        routes.Push(new RoomPush("A", a, null, [Packet("a1", "*", 1, size: 60), Packet("a1", "*", 2, size: 60), Packet("a1", "*", 3, size: 60)]));

        Assert.False(routes.Contains("s1"));
        Assert.False(routes.Push(new RoomPush("S", stuck, null, [])).KnowsNode);
    }

    [Fact]
    public async Task A_node_that_cannot_be_reached_is_dropped()
    {
        var routes = Routes();
        var (a, gone) = (new RecordingNode(), new RecordingNode(fails: true));
        routes.Push(new RoomPush("A", a, ["a1"], []));
        routes.Push(new RoomPush("G", gone, ["g1"], []));

        routes.Push(new RoomPush("A", a, null, [Packet("a1", "g1", 1)]));

        await Eventually.UntilAsync(() => Task.FromResult(!routes.Contains("g1")), "the unreachable node's member is forgotten");
    }

    [Fact]
    public void A_node_not_heard_from_within_the_timeout_is_forgotten_when_another_pushes()
    {
        var routes = Routes(new SyncletClusterOptions { NodeTimeout = TimeSpan.FromSeconds(10) });
        var (a, b) = (new RecordingNode(), new RecordingNode());
        routes.Push(new RoomPush("A", a, ["a1"], []));
        routes.Push(new RoomPush("B", b, ["b1"], []));

        _time.Advance(TimeSpan.FromSeconds(6));
        routes.Push(new RoomPush("A", a, null, []));
        Assert.True(routes.Contains("b1"));

        _time.Advance(TimeSpan.FromSeconds(6));
        routes.Push(new RoomPush("A", a, null, []));
        Assert.False(routes.Contains("b1"));
        Assert.True(routes.Contains("a1"));
    }

    private RoomRoutes Routes(SyncletClusterOptions? options = null) =>
        new("room", options ?? new SyncletClusterOptions(), _time, NullLogger.Instance, new LogThrottle(NullLogger.Instance, _time));

    private static RoomEntry Packet(string from, string to, byte marker, int size = 1)
    {
        var bytes = new byte[size];
        bytes[0] = marker;
        return new RoomEntry(RoomEntryKind.Packet, from, new RoomPacket(to, bytes, IsText: false));
    }

    /// <summary>A node that records what it is handed; or never answers; or cannot be reached.</summary>
    private sealed class RecordingNode(bool blocked = false, bool fails = false) : IRoomNode
    {
        private readonly ConcurrentQueue<RoomPacket> _received = new();

        public IReadOnlyCollection<RoomPacket> Received => _received;

        public Task DeliverAsync(string roomId, RoomPacket[] packets)
        {
            if (fails)
            {
                return Task.FromException(new TimeoutException("the node's silo is gone"));
            }

            if (blocked)
            {
                return new TaskCompletionSource().Task;
            }

            foreach (var packet in packets)
            {
                _received.Enqueue(packet);
            }

            return Task.CompletedTask;
        }
    }
}
