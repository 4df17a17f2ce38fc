using Synclets.Connectors.Memory;
using Synclets.Transports;
using Synclets.Transports.Memory;
using Synclets.Wire;

namespace Synclets.Benchmarks;

/// <summary>
/// The benchmark tree: at depth 3, 10 tables of rows of 10 short string atoms; at depth 1, flat
/// keys. Sources are filled once and reused; each run syncs them into fresh, empty peers.
/// </summary>
internal static class Workload
{
    private const int FillBatch = 10_000;

    public static Address AddressOf(int index, int depth) => depth switch
    {
        1 => new Address("k" + index),
        3 => new Address("t" + (index % 10), "r" + (index / 100), "c" + (index / 10 % 10)),
        _ => throw new ArgumentOutOfRangeException(nameof(depth), depth, "The workload has depths 1 and 3."),
    };

    public static Atom ValueOf(int index) => "v" + index;

    /// <summary>Memory connectors holding <paramref name="atoms"/> atoms written by synclet "source".</summary>
    public static async Task<(MemoryDataConnector Data, MemoryMetaConnector Meta)> FillAsync(int atoms, int depth)
    {
        var data = new MemoryDataConnector(depth);
        var meta = new MemoryMetaConnector(depth);
        await using var writer = await Synclet.CreateAsync(new SyncletComponents(data, meta), options: new SyncletOptions { Id = "source" });
        // Batches of 10k: one write per atom made filling a million atoms slow, and one batch of all
        // would hold every pending write at once; the stored tree is the same either way.
        for (var start = 0; start < atoms; start += FillBatch)
        {
            await writer.SetAtomsAsync(Writes(Enumerable.Range(start, Math.Min(FillBatch, atoms - start)), depth), sync: false);
        }

        return (data, meta);
    }

    /// <summary>The writes of the atoms at <paramref name="indexes"/>: their addresses and values.</summary>
    public static IEnumerable<KeyValuePair<Address, Atom?>> Writes(IEnumerable<int> indexes, int depth) =>
        indexes.Select(index => new KeyValuePair<Address, Atom?>(AddressOf(index, depth), ValueOf(index)));

    /// <summary>
    /// The indexes side <paramref name="side"/> (0 or 1) of an offline-both run writes: the even ones,
    /// or the odd ones. At depth 3 an index's last digit is its table, so each side holds five whole
    /// tables; at depth 1 the halves interleave key by key.
    /// </summary>
    public static IEnumerable<int> Half(int atoms, int side) =>
        Enumerable.Range(0, (atoms - side + 1) / 2).Select(i => 2 * i + side);

    /// <summary>
    /// The indexes of 1% of the atoms that side <paramref name="side"/> writes again after both
    /// halves were written: atoms of the other side's half, so each becomes a conflict. The index
    /// 100k + 11j (j = k mod 10) is column j of row k in table j: one per row, in every table, half
    /// of them in each half.
    /// </summary>
    public static IEnumerable<int> Conflicts(int atoms, int side) =>
        Enumerable.Range(0, atoms / 100).Select(k => (100 * k) + (11 * (k % 10))).Where(index => index % 2 != side);

    public static MemoryTransport Transport(string pool, WireFormat format) =>
        new(pool, new TransportOptions { WireFormat = format });

    /// <summary>Completes once <paramref name="synclet"/> has stored <paramref name="count"/> remote changes.</summary>
    public static Task RemoteChanges(Synclet synclet, int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = 0;
        EventHandler<AtomChangedEventArgs>? handler = null;
        handler = (_, change) =>
        {
            if (change.Origin == ChangeOrigin.Remote && Interlocked.Increment(ref seen) == count)
            {
                synclet.AtomChanged -= handler;
                done.TrySetResult();
            }
        };
        synclet.AtomChanged += handler;
        return done.Task;
    }
}
