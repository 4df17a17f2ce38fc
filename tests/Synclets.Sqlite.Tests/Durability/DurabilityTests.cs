using Synclets.Conformance.Support;
using Synclets.Sqlite.Tests.Support;

namespace Synclets.Sqlite.Tests.Durability;

/// <summary>
/// A writer process is killed (SIGKILL) at random points, round after round on the same database.
/// After each kill the database must hold every acknowledged write with its timestamp, its stored
/// hashes must equal a recomputation from the timestamps, and it must sync with a memory peer.
/// </summary>
public sealed class DurabilityTests : IDisposable
{
    private const int Rounds = 6;
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Acknowledged_writes_survive_kill_9_and_the_store_stays_consistent()
    {
        var path = _directory.NewDatabase("durable");
        var random = new Random(20261126);
        var acknowledged = new Dictionary<Address, (string Atom, string Timestamp)>();
        for (var round = 0; round < Rounds; round++)
        {
            var killAfter = random.Next(5, 400);
            var acks = await RunWriterUntilKilledAsync(path, seed: random.Next(), killAfter);
            Assert.True(acks.Count >= killAfter, $"round {round}: the writer acknowledged only {acks.Count} writes before it was killed");
            foreach (var (address, atom, timestamp) in acks)
            {
                // Deleting an atom that was never there writes nothing (and so has no timestamp).
                if (timestamp.Length > 0)
                {
                    acknowledged[address] = (atom, timestamp);
                }
                else
                {
                    Assert.Equal("-", atom);
                }
            }

            await AssertAcknowledgedWritesPresentAsync(path, acknowledged, round);
            Assert.Empty(StoredHashes.Mismatches(path, 3));
        }

        await AssertSyncsWithMemoryPeerAsync(path);
    }

    private static async Task<List<(Address Address, string Atom, string Timestamp)>> RunWriterUntilKilledAsync(string path, int seed, int killAfter)
    {
        await using var writer = WriterProcess.Start(path, seed, maxWrites: 1_000_000);
        await writer.WaitUntilAsync(() => writer.Acks.Count >= killAfter, $"{killAfter} writes are acknowledged");
        await writer.KillAsync();
        return [.. writer.Acks];
    }

    internal static async Task AssertAcknowledgedWritesPresentAsync(string path, Dictionary<Address, (string Atom, string Timestamp)> acknowledged, int round)
    {
        await using var synclet = await SqliteSynclets.CreateAsync(path, 3, "checker");
        var data = await synclet.GetDataAsync();
        var meta = await synclet.GetMetaAsync();
        foreach (var (address, (atom, timestamp)) in acknowledged)
        {
            // A write in flight when the process died may have committed after the last acknowledgement: it can only be newer.
            Assert.True(meta.TryGetLeaf(address, out var stored), $"round {round}: acknowledged write at '{address}' has no timestamp");
            Assert.True(string.CompareOrdinal(stored, timestamp) >= 0, $"round {round}: '{address}' went back in time from {timestamp} to {stored}");
            if (stored == timestamp)
            {
                var found = data.TryGetLeaf(address, out var value) ? value.ToString() : "-";
                Assert.True(atom == found, $"round {round}: '{address}' holds {found}, but {atom} was acknowledged at {timestamp}");
            }
        }
    }

    private static async Task AssertSyncsWithMemoryPeerAsync(string path)
    {
        var pool = Guid.NewGuid().ToString("N");
        await using var sqlite = await SqliteSynclets.CreateAsync(path, 3, "survivor", pool);
        await using var memory = await SqliteSynclets.CreateMemoryAsync(3, "peer", pool);
        await memory.SetAtomAsync(new Address("t9", "from", "peer"), "hello");
        await sqlite.StartAsync();
        await memory.StartAsync();
        await Eventually.UntilAsync(
            async () => (await sqlite.GetDataAsync()).Equals(await memory.GetDataAsync()) && (await sqlite.GetMetaAsync()).Equals(await memory.GetMetaAsync()),
            "the recovered store and a memory peer converge");
        Assert.Empty(StoredHashes.Mismatches(path, 3));
    }

    public void Dispose() => _directory.Dispose();
}
