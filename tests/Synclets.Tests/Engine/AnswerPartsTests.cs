using System.Collections.Concurrent;
using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.Protocol;
using Synclets.Tests.Support;
using Synclets.Transports;
using Synclets.Transports.Memory;
using Synclets.Wire;

namespace Synclets.Tests.Engine;

/// <summary>
/// A large answer travels as ordinary messages of at most MaxLeavesPerMessage leaves, and an empty
/// peer still gets everything from one start.
/// </summary>
public sealed class AnswerPartsTests
{
    private const int MaxLeaves = 25;

    [Theory]
    [InlineData(3, WireFormat.MessagePack)]
    [InlineData(3, WireFormat.Json)]
    [InlineData(2, WireFormat.Json)]
    public async Task An_empty_peer_gets_a_large_tree_in_parts_of_bounded_size(int depth, WireFormat format)
    {
        var pool = Guid.NewGuid().ToString("N");
        var sentLeaves = new ConcurrentQueue<int>();
        var hooks = new SyncletHooks
        {
            OnSendMessage = (message, _, _) =>
            {
                sentLeaves.Enqueue(AtomsIn(message.Node));
                return ValueTask.CompletedTask;
            },
        };
        var options = new SyncletOptions { Id = "source", MaxLeavesPerMessage = MaxLeaves };
        await using var source = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(depth), new MemoryMetaConnector(depth), Transport(pool, format)), hooks, options);
        var atoms = Enumerable.Range(0, 1_000).ToDictionary(i => AddressOf(i, depth), i => (Atom?)("v" + i));
        await source.SetAtomsAsync(atoms);
        await using var target = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(depth), new MemoryMetaConnector(depth), Transport(pool, format)),
            hooks,   // what the target sends counts too: it must not send back what it got
            new SyncletOptions { Id = "target", MaxLeavesPerMessage = MaxLeaves });

        await source.StartAsync();   // alone: its first sync reaches nobody, so only the target asks
        await target.StartAsync();

        await Eventually.UntilAsync(async () => (await target.GetDataAsync()).Equals(await source.GetDataAsync()), "the target holds the whole tree");
        Assert.Equal(await source.GetMetaAsync(), await target.GetMetaAsync());
        Assert.All(sentLeaves, leaves => Assert.InRange(leaves, 0, MaxLeaves));
        Assert.Equal(1_000, sentLeaves.Sum());   // each atom crosses once, one way
        Assert.True(sentLeaves.Count >= 1_000 / MaxLeaves, $"{sentLeaves.Count} messages");
    }

    [Fact]
    public async Task Parts_are_applied_without_listing_the_receivers_own_children_again()
    {
        var pool = Guid.NewGuid().ToString("N");
        var parts = 0;
        var hooks = new SyncletHooks { OnSendMessage = (message, _, _) => { if (AtomsIn(message.Node) > 0) { Interlocked.Increment(ref parts); } return ValueTask.CompletedTask; } };
        var options = new SyncletOptions { MaxLeavesPerMessage = MaxLeaves };
        await using var source = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(3), new MemoryMetaConnector(3), Transport(pool, WireFormat.MessagePack)), hooks, options with { Id = "source" });
        await source.SetAtomsAsync(Enumerable.Range(0, 1_000).ToDictionary(i => AddressOf(i, 3), i => (Atom?)("v" + i)));
        var targetMeta = new CountingMetaConnector(3);
        await using var target = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(3), targetMeta, Transport(pool, WireFormat.MessagePack)), options: options with { Id = "target" });

        await source.StartAsync();
        await target.StartAsync();

        await Eventually.UntilAsync(async () => (await target.GetDataAsync()).Equals(await source.GetDataAsync()), "the target holds the whole tree");
        // The whole listings of the first exchange (the root and its 10 tables) are read; the parts,
        // each marked partial, are answered child by child. Listing per part read the root and its
        // tables again for every one of them, which in a store is a scan that grows with the tree.
        Assert.True(parts >= 1_000 / MaxLeaves, $"{parts} parts");
        Assert.InRange(targetMeta.ChildIdReads, 1, 11);
    }

    [Fact]
    public async Task Both_sides_written_offline_meet_through_parts()
    {
        var pool = Guid.NewGuid().ToString("N");
        var options = new SyncletOptions { MaxLeavesPerMessage = 7 };
        await using var left = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(3), new MemoryMetaConnector(3), Transport(pool, WireFormat.MessagePack)), options: options with { Id = "left" });
        await using var right = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(3), new MemoryMetaConnector(3), Transport(pool, WireFormat.MessagePack)), options: options with { Id = "right" });
        await left.SetAtomsAsync(Enumerable.Range(0, 500).ToDictionary(i => AddressOf(2 * i, 3), i => (Atom?)("left " + i)));
        await right.SetAtomsAsync(Enumerable.Range(0, 500).ToDictionary(i => AddressOf((2 * i) + 1, 3), i => (Atom?)("right " + i)));
        await right.SetAtomAsync(AddressOf(0, 3), "right wins");   // a conflict, written last

        await Task.WhenAll(left.StartAsync(), right.StartAsync());

        await Eventually.UntilAsync(async () => (await left.GetDataAsync()).Equals(await right.GetDataAsync()), "both hold the same tree");
        Assert.Equal("right wins", await left.GetAtomAsync(AddressOf(0, 3)));
        Assert.Equal(1_000, (await left.GetDataAsync()).Leaves().Count());
    }

    [Fact]
    public async Task A_leaf_parent_larger_than_a_part_travels_whole()
    {
        var pool = Guid.NewGuid().ToString("N");
        var sentAtoms = new ConcurrentQueue<int>();
        var hooks = new SyncletHooks { OnSendMessage = (message, _, _) => { sentAtoms.Enqueue(AtomsIn(message.Node)); return ValueTask.CompletedTask; } };
        var options = new SyncletOptions { MaxLeavesPerMessage = MaxLeaves };
        await using var source = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(1), new MemoryMetaConnector(1), Transport(pool, WireFormat.MessagePack)), hooks, options with { Id = "source" });
        await source.SetAtomsAsync(Enumerable.Range(0, 1_000).ToDictionary(i => AddressOf(i, 1), i => (Atom?)("v" + i)));
        await using var target = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(1), new MemoryMetaConnector(1), Transport(pool, WireFormat.MessagePack)), hooks, options with { Id = "target" });

        await source.StartAsync();
        await target.StartAsync();

        await Eventually.UntilAsync(async () => (await target.GetDataAsync()).Equals(await source.GetDataAsync()), "the target holds the whole tree");
        Assert.Equal([1_000], sentAtoms.Where(atoms => atoms > 0));
    }

    private static MemoryTransport Transport(string pool, WireFormat format) => new(pool, new TransportOptions { WireFormat = format });

    private static Address AddressOf(int index, int depth) => depth switch
    {
        1 => new Address("k" + index),
        2 => new Address("r" + (index / 10), "c" + (index % 10)),
        _ => new Address("t" + (index % 10), "r" + (index / 100), "c" + (index / 10 % 10)),
    };

    /// <summary>
    /// The atoms a message carries. (A listing of one leaf parent's timestamps is never cut: the
    /// peer needs it whole to find what it lacks.)
    /// </summary>
    private static int AtomsIn(MessageNode node) => node switch
    {
        SubNodesNode subNodes => subNodes.Children.Values.Sum(AtomsIn),
        TimestampAndAtomNode => 1,
        _ => 0,
    };
}
