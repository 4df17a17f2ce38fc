using System.Collections.Concurrent;
using Synclets.Conformance.Support;
using Synclets.Connectors.Files;
using Synclets.Connectors.Memory;
using Synclets.Tests.Support;
using Synclets.Transports.Memory;

namespace Synclets.Tests.Connectors.Files;

/// <summary>With <c>watchForChanges</c>, what another program writes to the data file is adopted and synced; a damaged edit is ignored.</summary>
public sealed class FileWatchTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("synclets-file-watch-");

    [Fact]
    public async Task Another_programs_edit_is_adopted_with_fresh_timestamps_and_reaches_peers()
    {
        var pool = Guid.NewGuid().ToString("N");
        var dataFile = Path.Combine(_directory.FullName, "data.json");
        var logger = new CountingLogger();
        await using var watched = await Synclet.CreateAsync(
            new SyncletComponents(new FileDataConnector(dataFile, 1, watchForChanges: true), new FileMetaConnector(Path.Combine(_directory.FullName, "meta.json"), 1), new MemoryTransport(pool)),
            options: new SyncletOptions { Id = "watched", Logger = logger });
        await using var peer = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(1), new MemoryMetaConnector(1), new MemoryTransport(pool)),
            options: new SyncletOptions { Id = "peer" });
        var external = new ConcurrentQueue<Address>();
        watched.AtomChanged += (_, change) =>
        {
            if (change.Origin == ChangeOrigin.External)
            {
                external.Enqueue(change.Address);
            }
        };
        await watched.StartAsync();
        await peer.StartAsync();
        await watched.SetAtomAsync(new Address("kept"), "as is");
        await watched.SetAtomAsync(new Address("changed"), "before");
        await watched.SetAtomAsync(new Address("removed"), "soon gone");
        await Eventually.UntilAsync(async () => (await peer.GetDataAsync()).Leaves().Count() == 3, "the peer has the three atoms");
        var keptTimestamp = await watched.MetaConnector!.ReadTimestampAsync(new Address("kept"));

        // Another program rewrites the file: one value changed, one removed, one added.
        await File.WriteAllTextAsync(dataFile, """{"kept":"as is","changed":"after","added":7}""");

        await Eventually.UntilAsync(
            async () => await peer.GetAtomAsync(new Address("changed")) == "after" && await peer.GetAtomAsync(new Address("added")) == 7 && await peer.GetAtomAsync(new Address("removed")) is null,
            "the peer has the edit");
        Assert.Equal(["added", "changed", "removed"], external.Select(address => address[0]).Order());
        Assert.Equal(keptTimestamp, await watched.MetaConnector.ReadTimestampAsync(new Address("kept")));

        // A damaged edit is ignored and left as it is; a later good one is still adopted.
        await File.WriteAllTextAsync(dataFile, """{"kept":""");
        await Eventually.UntilAsync(() => Task.FromResult(logger.Warnings.Any(warning => warning.Contains("ignored an edit", StringComparison.Ordinal))), "the damaged edit is logged");
        Assert.Equal("""{"kept":""", await File.ReadAllTextAsync(dataFile));
        await File.WriteAllTextAsync(dataFile, """{"kept":"as is","changed":"after","added":8}""");
        await Eventually.UntilAsync(async () => await peer.GetAtomAsync(new Address("added")) == 8, "the peer has the second edit");
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
