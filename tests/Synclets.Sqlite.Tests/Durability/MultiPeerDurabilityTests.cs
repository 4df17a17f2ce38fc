using Synclets.Conformance.Support;
using Synclets.Sqlite.Tests.Support;
using Synclets.WebSockets.Client;
using Synclets.WebSockets.Server;

namespace Synclets.Sqlite.Tests.Durability;

/// <summary>
/// A writer process syncing with a peer through a WebSocket broker is killed (SIGKILL) while it
/// writes and syncs, and restarted, round after round. Nothing either side acknowledged is lost:
/// the peer ends up with every write the writer acknowledged (or a later one), the writer with
/// every write the peer made while it was down, and both hold the same data, meta and hashes.
/// </summary>
public sealed class MultiPeerDurabilityTests : IDisposable
{
    private const int Rounds = 3;
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task A_peer_killed_mid_sync_and_restarted_converges_with_nothing_acknowledged_lost()
    {
        await using var server = await WsServer.StartAsync("http://127.0.0.1:0");
        var room = new Uri(server.Url!, "durable");
        var writerPath = _directory.NewDatabase("writer");
        var store = SqliteStore.ForFile(_directory.NewDatabase("peer"));
        await using var peer = await Synclet.CreateAsync(
            new SyncletComponents(new SqliteDataConnector(store, 3), new SqliteMetaConnector(store, 3), new WsClientTransport(room, FastReconnect)),
            options: new SyncletOptions { Id = "peer" });
        await peer.StartAsync();

        var random = new Random(20261126);
        var acknowledged = new Dictionary<Address, (string Atom, string Timestamp)>();
        var peerWrites = new List<Address>();
        for (var round = 0; round < Rounds; round++)
        {
            // Killed while writing, and so while its writes are on their way to the peer.
            await using (var writer = WriterProcess.Start(writerPath, random.Next(), maxWrites: 1_000_000, room, "writer"))
            {
                var killAfter = random.Next(20, 300);
                await writer.WaitUntilAsync(() => writer.Acks.Count >= killAfter, $"round {round}: {killAfter} writes are acknowledged");
                await writer.KillAsync();
                foreach (var (address, atom, timestamp) in writer.Acks.Where(ack => ack.Timestamp.Length > 0))
                {
                    acknowledged[address] = (atom, timestamp);
                }
            }

            // The peer writes while the writer is down.
            for (var i = 0; i < 5; i++)
            {
                var address = new Address("peer", "r" + round, "c" + i);
                await peer.SetAtomAsync(address, $"peer write {round}.{i}");
                peerWrites.Add(address);
            }

            // Restarted, writing nothing: it must catch up with the peer, and the peer with it.
            await using (var restarted = WriterProcess.Start(writerPath, random.Next(), maxWrites: 0, room, "writer"))
            {
                var missing = peerWrites.Skip(round * 5).ToHashSet();
                await restarted.WaitUntilAsync(() => missing.IsSubsetOf(restarted.Got.Select(got => got.Address)), $"round {round}: the restarted writer stored the peer's writes");
                await WaitUntilHoldsAsync(peer, acknowledged, round);
                await restarted.KillAsync();
            }

            await DurabilityTests.AssertAcknowledgedWritesPresentAsync(writerPath, acknowledged, round);
            Assert.Empty(StoredHashes.Mismatches(writerPath, 3));
        }

        // The writer's last run may have stored writes it never got to acknowledge: reopened here, its
        // database syncs them too, and the two stores end up equal.
        var writerStore = SqliteStore.ForFile(writerPath);
        await using var reopened = await Synclet.CreateAsync(
            new SyncletComponents(new SqliteDataConnector(writerStore, 3), new SqliteMetaConnector(writerStore, 3), new WsClientTransport(room, FastReconnect)),
            options: new SyncletOptions { Id = "writer" });
        await reopened.StartAsync();
        await Eventually.UntilAsync(
            async () => (await peer.GetDataAsync()).Equals(await reopened.GetDataAsync()) && (await peer.GetMetaAsync()).Equals(await reopened.GetMetaAsync()),
            "the writer's database and the peer converge");
        foreach (var address in peerWrites)
        {
            Assert.NotNull(await reopened.GetAtomAsync(address));
        }
    }

    private static readonly WsClientTransportOptions FastReconnect = new()
    {
        ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>Waits until the peer holds every acknowledged write, or a later one at the same address.</summary>
    private static async Task WaitUntilHoldsAsync(Synclet peer, Dictionary<Address, (string Atom, string Timestamp)> acknowledged, int round)
    {
        var missing = acknowledged.Count;
        await Eventually.UntilAsync(async () =>
        {
            var meta = await peer.GetMetaAsync();
            missing = acknowledged.Count(ack => !meta.TryGetLeaf(ack.Key, out var stored) || string.CompareOrdinal(stored, ack.Value.Timestamp) < 0);
            return missing == 0;
        }, $"round {round}: the peer holds every write the writer acknowledged (missing {missing})", TimeSpan.FromSeconds(60));
    }

    public void Dispose() => _directory.Dispose();
}
