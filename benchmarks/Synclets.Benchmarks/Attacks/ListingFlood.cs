using System.Diagnostics;
using Synclets.Protocol;
using Synclets.Wire;

namespace Synclets.Benchmarks.Attacks;

/// <summary>
/// Attack 3: one peer sends valid 40,000-id listings as fast as it can for 10 seconds, while the
/// target's own application writes an atom every 10 ms. How long do those local writes take?
/// The listings are encoded beforehand, as a remote attacker's would be: only receiving them is
/// this process's work.
/// </summary>
internal static class ListingFlood
{
    private const int Ids = 40_000;

    // Distinct listings sent in turn; a copy of one still waiting is not queued twice, as from any peer.
    private const int Listings = 64;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    public static async Task<AttackRow> RunAsync()
    {
        await using var target = await Target.StartAsync(WireFormat.Json, rows: 1_000);
        var listings = Enumerable.Range(0, Listings).Select(Listing).ToList();
        GC.Collect();
        using var stop = new CancellationTokenSource(Duration);
        long sent = 0, bytes = 0;
        // A thread of its own, as a network flood arrives on I/O threads: looping on a pool thread
        // would starve the pool the target's own writes continue on, and measure that instead.
        var flooder = Task.Factory.StartNew(() =>
        {
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                foreach (var packet in listings[round % Listings])
                {
                    target.Attacker.Inject(packet);
                    bytes += packet.Length;
                }

                sent++;
            }
        }, TaskCreationOptions.LongRunning);

        var latencies = new List<double>();
        for (var write = 0; !stop.IsCancellationRequested; write++)
        {
            var clock = Stopwatch.StartNew();
            await target.Synclet.SetAtomAsync(new Address("local", "w" + (write % 100)), write);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            await Task.Delay(10); // the application's pace, not synchronization
        }

        await flooder;
        latencies.Sort();
        var statistics = target.Synclet.Statistics;
        return new AttackRow(
            3,
            $"valid {Ids:N0}-id listings at full rate for {Duration.TotalSeconds:F0} s, local writes every 10 ms",
            $"{sent:N0} listings ({bytes / 1e6 / Duration.TotalSeconds:F1} MB/s, {statistics.RequestsRepeated:N0} copies of one still waiting); {latencies.Count} local writes: p50 {Percentile(latencies, 0.5):F1} ms, " +
            $"p99 {Percentile(latencies, 0.99):F1} ms, max {latencies[^1]:F1} ms; {statistics.MessagesProcessed:N0} processed, {statistics.MessagesOverflowed:N0} dropped when the queue was full");
    }

    /// <summary>The packets of one listing, each listing's hashes its own, so no two are the same message.</summary>
    private static IReadOnlyList<byte[]> Listing(int round)
    {
        var children = new Dictionary<string, MessageNode>(Ids);
        for (var id = 0; id < Ids; id++)
        {
            children["row" + id] = new HashNode((uint)(round * Ids + id + 1));
        }

        var message = new Message(2, Address.Root, new SubNodesNode(children), MessageContext.Empty);
        return WireCodec.For(WireFormat.Json).EncodePackets("flooder", WireCodec.NewMessageId(), message, 4096);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
