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
        for (var i = 0; i < atoms; i++)
        {
            await writer.SetAtomAsync(AddressOf(i, depth), ValueOf(i), sync: false);
        }

        return (data, meta);
    }

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
