using Npgsql;
using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.Postgres.Tests.Support;
using Synclets.Transports.Memory;
using Xunit.Abstractions;

namespace Synclets.Postgres.Tests.Durability;

/// <summary>
/// A writer process on PostgreSQL is killed (SIGKILL) at random points, round after round on the
/// same schema; every other round the kill comes just as a bulk write begins. After each kill the
/// schema must hold every acknowledged write with its timestamp and nothing else, but for the one
/// write in flight, which is stored whole or not at all; the stored hashes must equal a
/// recomputation from the timestamps; and at the end the schema must sync with a memory peer.
/// The server keeps running: what dies is the client, in the middle of its transactions.
/// </summary>
public sealed class DurabilityTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Depth = 3;

    // Each round starts a process (about a second and a half on a busy machine): six keep the test well under half a minute.
    private const int Rounds = 6;
    private readonly string _schema = "durable_" + Guid.NewGuid().ToString("N")[..12];

    private string SchemaConnectionString =>
        new NpgsqlConnectionStringBuilder(PostgresTestFramework.ConnectionString) { SearchPath = _schema }.ConnectionString;

    // The writer's sessions carry their own name, so that the test can tell when the killed one's are gone.
    private string WriterApplicationName => "writer_" + _schema;

    public Task InitializeAsync() => ExecuteAsync($"CREATE SCHEMA \"{_schema}\"");

    public Task DisposeAsync() => ExecuteAsync($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE");

    [Fact]
    public async Task Acknowledged_writes_survive_kill_9_and_no_batch_is_half_applied()
    {
        var random = new Random(20261127);
        var writerConnectionString = new NpgsqlConnectionStringBuilder(SchemaConnectionString) { ApplicationName = WriterApplicationName }.ConnectionString;
        var stored = new Dictionary<Address, Leaf>();   // what the schema held after the previous round
        var batchesInFlight = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var killAfter = random.Next(5, 250);
            var writes = await WriterProcess.RunUntilKilledAsync(writerConnectionString, random.Next(), killAfter, killOnBatchBegin: round % 2 == 1);
            await WaitUntilWriterSessionsEndAsync();

            // The hashes first, before a synclet opens the schema and could touch them.
            Assert.Empty(await StoredHashes.MismatchesAsync(SchemaConnectionString, Depth));
            var acknowledged = writes.Where(write => write.Timestamps is not null).ToList();
            var expected = Replay(stored, acknowledged, round);
            var now = await ReadStoredAsync();
            var inFlight = writes.SingleOrDefault(write => write.Timestamps is null);
            var outcome = AssertOnlyTheWriteInFlightDiffers(expected, now, inFlight, round);
            batchesInFlight += inFlight?.IsBatch == true ? 1 : 0;
            output.WriteLine($"round {round}: killed after {acknowledged.Sum(write => write.Atoms.Count)} acknowledged atoms in {acknowledged.Count} writes "
                + $"({acknowledged.Count(write => write.IsBatch)} bulk); {outcome}; {now.Count} addresses stored");
            stored = now;
        }

        Assert.True(batchesInFlight > 0, "no round killed the writer during a bulk write, so all-or-nothing was never put to the test");
        await AssertSyncsWithMemoryPeerAsync();
    }

    /// <summary>The state <paramref name="stored"/> reaches through the acknowledged writes, checking each acknowledgement on the way.</summary>
    private static Dictionary<Address, Leaf> Replay(Dictionary<Address, Leaf> stored, List<BegunWrite> acknowledged, int round)
    {
        var expected = new Dictionary<Address, Leaf>(stored);
        foreach (var write in acknowledged)
        {
            for (var i = 0; i < write.Atoms.Count; i++)
            {
                var (address, atom) = write.Atoms[i];
                var timestamp = write.Timestamps![i];
                var before = expected.TryGetValue(address, out var leaf) ? leaf : (Leaf?)null;
                if (atom is null && before?.Atom is null)
                {
                    // Deleting an atom that is not there writes nothing, not even a new timestamp.
                    Assert.True(timestamp == (before?.Timestamp ?? ""), $"round {round}: deleting absent '{address}' (write {write.Index}) stamped it {timestamp}");
                    continue;
                }

                Assert.True(before is null || string.CompareOrdinal(timestamp, before.Value.Timestamp) > 0, $"round {round}: write {write.Index} at '{address}' went back in time to {timestamp}");
                expected[address] = new Leaf(atom, timestamp);
            }
        }

        return expected;
    }

    /// <summary>
    /// Every address outside the write in flight holds exactly what was acknowledged; the write in
    /// flight is stored whole or not at all. Returns which of the two it was, for the log.
    /// </summary>
    private static string AssertOnlyTheWriteInFlightDiffers(Dictionary<Address, Leaf> expected, Dictionary<Address, Leaf> now, BegunWrite? inFlight, int round)
    {
        var inFlightAddresses = inFlight?.Atoms.Select(entry => entry.Address).ToHashSet() ?? [];
        foreach (var address in expected.Keys.Union(now.Keys).Where(address => !inFlightAddresses.Contains(address)))
        {
            Assert.True(expected.TryGetValue(address, out var want), $"round {round}: '{address}' holds {now[address]}, yet no write to it was begun");
            Assert.True(now.TryGetValue(address, out var found), $"round {round}: acknowledged {want} at '{address}' is gone");
            Assert.True(want == found, $"round {round}: '{address}' holds {found}, but {want} was acknowledged");
        }

        if (inFlight is null)
        {
            return "nothing in flight";
        }

        // Deleting an absent atom changes nothing even when the write is stored, so it cannot tell.
        var telling = inFlight.Atoms.Where(entry => entry.Atom is not null || (expected.TryGetValue(entry.Address, out var leaf) && leaf.Atom is not null)).ToList();
        var changed = inFlight.Atoms.Where(entry => expected.GetValueOrDefault(entry.Address) != now.GetValueOrDefault(entry.Address)).ToList();
        var kind = inFlight.IsBatch ? "bulk" : "single";
        Assert.True(changed.Count == 0 || changed.SequenceEqual(telling),
            $"round {round}: {kind} write {inFlight.Index} is half-applied: {changed.Count} of its {telling.Count} atoms changed: "
            + string.Join(", ", changed.Select(entry => $"{entry.Address} {expected.GetValueOrDefault(entry.Address)} -> {now.GetValueOrDefault(entry.Address)}")));
        foreach (var (address, atom) in changed)
        {
            Assert.True(now[address].Atom == atom, $"round {round}: '{address}' holds {now[address].Atom}, but write {inFlight.Index} in flight wrote {atom}");
        }

        return $"{kind} write of {telling.Count} atoms in flight, {(changed.Count == 0 ? "none" : "all")} stored";
    }

    /// <summary>Every leaf, through a fresh synclet on the schema: its atom (as <c>Atom.ToString()</c>, null when deleted) and timestamp.</summary>
    private async Task<Dictionary<Address, Leaf>> ReadStoredAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(SchemaConnectionString);
        var (data, meta) = new PostgresStore(dataSource).CreateConnectors(Depth);
        await using var synclet = await Synclet.CreateAsync(new SyncletComponents(data, meta), options: new SyncletOptions { Id = "checker" });
        var atoms = await synclet.GetDataAsync();
        var timestamps = await synclet.GetMetaAsync();
        foreach (var (address, atom) in atoms.Leaves())
        {
            Assert.True(timestamps.TryGetLeaf(address, out _), $"'{address}' holds {atom} without a timestamp");
        }

        return timestamps.Leaves().ToDictionary(
            leaf => leaf.Key,
            leaf => new Leaf(atoms.TryGetLeaf(leaf.Key, out var atom) ? atom.ToString() : null, leaf.Value));
    }

    /// <summary>
    /// A writer killed after sending COMMIT but before reading the reply leaves the server to finish
    /// that transaction on its own: until its session is gone, the schema could still change under the checks.
    /// </summary>
    private Task WaitUntilWriterSessionsEndAsync() =>
        Eventually.UntilAsync(
            async () =>
            {
                await using var connection = new NpgsqlConnection(PostgresTestFramework.ConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = WriterApplicationName });
                return (long)(await command.ExecuteScalarAsync())! == 0;
            },
            "the killed writer's PostgreSQL sessions have ended",
            TimeSpan.FromSeconds(10));

    private async Task AssertSyncsWithMemoryPeerAsync()
    {
        var pool = Guid.NewGuid().ToString("N");
        await using var dataSource = NpgsqlDataSource.Create(SchemaConnectionString);
        var (data, meta) = new PostgresStore(dataSource).CreateConnectors(Depth);
        await using var postgres = await Synclet.CreateAsync(new SyncletComponents(data, meta, new MemoryTransport(pool)), options: new SyncletOptions { Id = "survivor" });
        await using var memory = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(Depth), new MemoryMetaConnector(Depth), new MemoryTransport(pool)),
            options: new SyncletOptions { Id = "peer" });
        await memory.SetAtomAsync(new Address("t9", "from", "peer"), "hello");
        await postgres.StartAsync();
        await memory.StartAsync();
        await Eventually.UntilAsync(
            async () => (await postgres.GetDataAsync()).Equals(await memory.GetDataAsync()) && (await postgres.GetMetaAsync()).Equals(await memory.GetMetaAsync()),
            "the recovered schema and a memory peer converge");
        Assert.Empty(await StoredHashes.MismatchesAsync(SchemaConnectionString, Depth));
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresTestFramework.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>One stored leaf: its atom as <c>Atom.ToString()</c> (null for a tombstone) and its timestamp.</summary>
    private readonly record struct Leaf(string? Atom, string Timestamp)
    {
        // The default leaf stands for an address that holds nothing at all.
        public override string ToString() => Timestamp is null ? "nothing" : $"{Atom ?? "deleted"} at {Timestamp}";
    }
}
