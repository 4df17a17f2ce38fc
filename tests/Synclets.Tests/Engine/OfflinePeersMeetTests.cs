using System.Collections.Concurrent;
using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.Protocol;
using Synclets.Transports;
using Synclets.Transports.Memory;
using Synclets.Wire;

namespace Synclets.Tests.Engine;

/// <summary>
/// Two peers that each wrote half of a tree while offline, and 1% of the atoms on both sides, start
/// at the same moment: each atom crosses once, in the one direction it is needed (a conflict from
/// the side whose write wins), however the two starts interleave. When both send their root hash
/// before seeing the other's, two whole-tree syncs run side by side, and each used to carry
/// everything that differs.
/// </summary>
public sealed class OfflinePeersMeetTests
{
    private const int Atoms = 2_000;

    /// <summary>
    /// Each seed picks the conflicts, the depth, the format and whether the starts are held in step
    /// (both root hashes sent before either is read, the case that made data cross twice) or simply
    /// run together (whichever joins the pool first may send its root hash to nobody).
    /// </summary>
    public static TheoryData<int> Seeds => [.. Enumerable.Range(0, 20)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Each_atom_crosses_once_in_the_direction_it_is_needed(int seed)
    {
        var random = new Random(seed);
        var depth = 2 + (seed % 2);
        var format = seed % 4 < 2 ? WireFormat.MessagePack : WireFormat.Json;
        var inStep = seed % 5 != 4;
        var pool = Guid.NewGuid().ToString("N");
        var carried = new ConcurrentQueue<(string From, Address Address)>();
        var roundsSent = new[] { new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };

        SyncletHooks Hooks(int side) => new()
        {
            // Held in step: each sends its root hash only once the other has joined the pool and is
            // about to send its own, so each reads the other's after sending its own.
            OnSync = async (_, _) =>
            {
                roundsSent[side].TrySetResult();
                if (inStep)
                {
                    await roundsSent[1 - side].Task.WaitAsync(TimeSpan.FromSeconds(10));
                }
            },
            OnSendMessage = (message, _, _) =>
            {
                foreach (var address in Carried(message.Address, message.Node))
                {
                    carried.Enqueue((side == 0 ? "a" : "b", address));
                }

                return ValueTask.CompletedTask;
            },
        };

        var options = new SyncletOptions { SyncInterval = Timeout.InfiniteTimeSpan };
        await using var a = await Synclet.CreateAsync(Parts(depth, pool, format), Hooks(0), options with { Id = "a" });
        await using var b = await Synclet.CreateAsync(Parts(depth, pool, format), Hooks(1), options with { Id = "b" });
        await a.SetAtomsAsync(Writes(depth, Enumerable.Range(0, Atoms).Where(i => i % 2 == 0), "a"), sync: false);
        await b.SetAtomsAsync(Writes(depth, Enumerable.Range(0, Atoms).Where(i => i % 2 == 1), "b"), sync: false);
        var conflicts = Enumerable.Range(0, Atoms).OrderBy(_ => random.Next()).Take(Atoms / 100).ToList();
        await a.SetAtomsAsync(Writes(depth, conflicts.Where(i => i % 2 == 1), "a again"), sync: false);
        await b.SetAtomsAsync(Writes(depth, conflicts.Where(i => i % 2 == 0), "b again"), sync: false);
        var (metaA, metaB) = (await a.GetMetaAsync(), await b.GetMetaAsync());

        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        await Eventually.UntilAsync(async () => (await a.GetMetaAsync()).Equals(await b.GetMetaAsync()), "both hold the same timestamps");
        await QuietAsync(carried, a, b);

        Assert.True((await a.GetDataAsync()).Equals(await b.GetDataAsync()), "both hold the same atoms");
        Assert.Equal(Atoms, (await a.GetMetaAsync()).Leaves().Count());
        var twice = carried.GroupBy(crossing => crossing).Where(group => group.Count() > 1).Select(group => $"{group.Key.From}→ {group.Key.Address} ×{group.Count()}").ToList();
        Assert.True(twice.Count == 0, $"{twice.Count} atoms crossed more than once in one direction (in step: {inStep}), e.g. {string.Join(", ", twice.Take(5))}");
        Assert.Equal(Newer(metaA, metaB), Sent(carried, "a"));
        Assert.Equal(Newer(metaB, metaA), Sent(carried, "b"));
    }

    /// <summary>Waits until neither synclet has anything left to process, nor sends anything more.</summary>
    private static async Task QuietAsync(ConcurrentQueue<(string, Address)> carried, Synclet a, Synclet b)
    {
        var deadline = DateTime.UtcNow + Eventually.DefaultTimeout;
        long before;
        do
        {
            before = carried.Count + a.Transports[0].Statistics.MessagesSent + b.Transports[0].Statistics.MessagesSent;
            await a.WhenReceivedProcessedAsync();
            await b.WhenReceivedProcessedAsync();
            Assert.True(DateTime.UtcNow < deadline, "the peers never stopped sending");
        }
        while (before != carried.Count + a.Transports[0].Statistics.MessagesSent + b.Transports[0].Statistics.MessagesSent);
    }

    /// <summary>The addresses whose timestamp in <paramref name="mine"/> is later than in <paramref name="theirs"/>: what must cross to them.</summary>
    private static SortedSet<string> Newer(MetaTree mine, MetaTree theirs) =>
        new(mine.Leaves()
            .Where(leaf => string.CompareOrdinal(leaf.Value, theirs.TryGetLeaf(leaf.Key, out var other) ? other : string.Empty) > 0)
            .Select(leaf => leaf.Key.ToString()), StringComparer.Ordinal);

    private static SortedSet<string> Sent(IEnumerable<(string From, Address Address)> carried, string from) =>
        new(carried.Where(crossing => crossing.From == from).Select(crossing => crossing.Address.ToString()), StringComparer.Ordinal);

    /// <summary>The leaf addresses a message carries a <c>[timestamp, atom]</c> for.</summary>
    private static IEnumerable<Address> Carried(Address address, MessageNode node) => node switch
    {
        SubNodesNode subNodes => subNodes.Children.SelectMany(child => Carried(address.Append(child.Key), child.Value)),
        TimestampAndAtomNode => [address],
        _ => [],
    };

    private static SyncletComponents Parts(int depth, string pool, WireFormat format) =>
        new(new MemoryDataConnector(depth), new MemoryMetaConnector(depth), new MemoryTransport(pool, new TransportOptions { WireFormat = format }));

    private static IEnumerable<KeyValuePair<Address, Atom?>> Writes(int depth, IEnumerable<int> indexes, string value) =>
        indexes.Select(index => new KeyValuePair<Address, Atom?>(AddressOf(index, depth), $"{value} {index}"));

    /// <summary>At depth 3, 10 tables of rows of 10 columns, as in the benchmarks; at depth 2, rows of 10 columns.</summary>
    private static Address AddressOf(int index, int depth) => depth == 3
        ? new Address("t" + (index % 10), "r" + (index / 100), "c" + (index / 10 % 10))
        : new Address("r" + (index / 10), "c" + (index % 10));
}
