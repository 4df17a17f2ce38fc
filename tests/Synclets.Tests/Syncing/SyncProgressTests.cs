using System.Collections.Concurrent;
using Synclets.Connectors.Memory;
using Synclets.Transports.Memory;

namespace Synclets.Tests.Syncing;

/// <summary>A large sync tells how far it has come as its parts arrive, and ends with everything applied.</summary>
public sealed class SyncProgressTests
{
    private const int Atoms = 100_000;

    [Fact]
    public async Task A_100k_atom_sync_reports_its_parts_as_they_are_applied()
    {
        var pool = Guid.NewGuid().ToString("N");
        await using var full = await CreateAsync("full", pool);
        for (var table = 0; table < 10; table++)
        {
            await full.SetAtomsAsync(
                Enumerable.Range(0, Atoms / 10).Select(i => KeyValuePair.Create(new Address("t" + table, "r" + (i / 10), "c" + (i % 10)), (Atom?)i)),
                sync: false);
        }

        await full.StartAsync();
        await using var empty = await CreateAsync("empty", pool);
        var reports = new Reports();

        await empty.StartAsync();
        var result = await empty.WhenSyncedAsync(reports);

        Assert.True(result.IsComplete, result.ToString());
        Assert.Equal(Atoms, result.AtomsReceived);
        var seen = reports.ToList();
        Assert.True(seen.Count >= Atoms / new SyncletOptions().MaxLeavesPerMessage, $"{seen.Count} reports");
        Assert.All(seen.Zip(seen.Skip(1)), pair =>
        {
            Assert.True(pair.First.AtomsReceived <= pair.Second.AtomsReceived);
            Assert.True(pair.First.PartsReceived <= pair.Second.PartsReceived);
        });
        Assert.Contains(seen, report => report.AtomsReceived is > 0 and < Atoms && report.PartsOutstanding > 0);
        Assert.Equal(new SyncProgress(Atoms, seen[^1].PartsReceived, 0, seen[^1].Elapsed), seen[^1]);
        Assert.Equal(Atoms, (await empty.GetDataAsync()).Leaves().Count());
    }

    [Fact]
    public async Task An_observer_that_throws_stops_neither_the_sync_nor_the_others()
    {
        var pool = Guid.NewGuid().ToString("N");
        await using var full = await CreateAsync("full", pool);
        await full.SetAtomAsync(new Address("t", "r", "c"), 1, sync: false);
        await full.StartAsync();
        await using var empty = await CreateAsync("empty", pool);
        await empty.StartAsync();
        await empty.WhenReceivedProcessedAsync();
        var reports = new Reports();

        var result = await empty.SyncAsync(new SyncRequest { Progress = new Throwing(), Timeout = TimeSpan.FromSeconds(30) }, CancellationToken.None);
        var second = await empty.SyncAsync(new SyncRequest { Progress = reports }, CancellationToken.None);

        Assert.True(result.IsComplete, result.ToString());
        Assert.True(second.IsComplete, second.ToString());
        Assert.NotEmpty(reports);
    }

    private static Task<Synclet> CreateAsync(string id, string pool) =>
        Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(3), new MemoryMetaConnector(3), new MemoryTransport(pool)),
            options: new SyncletOptions { Id = id, SyncInterval = Timeout.InfiniteTimeSpan });

    private sealed class Throwing : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value) => throw new InvalidOperationException("an observer's bug");
    }

    /// <summary>Keeps every report in order (unlike <see cref="Progress{T}"/>, which posts them to the thread pool).</summary>
    private sealed class Reports : ConcurrentQueue<SyncProgress>, IProgress<SyncProgress>
    {
        public void Report(SyncProgress value) => Enqueue(value);
    }
}
