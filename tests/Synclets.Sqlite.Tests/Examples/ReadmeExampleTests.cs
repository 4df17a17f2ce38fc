using Synclets.Sqlite.Tests.Support;
using Synclets.Transports.Memory;

namespace Synclets.Sqlite.Tests.Examples;

/// <summary>The README's SQLite example, kept compiling and passing.</summary>
public sealed class ReadmeExampleTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Two_synclets_on_sqlite_files_sync()
    {
        var (alicePath, bobPath) = (_directory.NewDatabase("alice"), _directory.NewDatabase("bob"));

        // --- README example ---
        var (aliceData, aliceMeta) = SqliteStore.ForFile(alicePath).CreateConnectors(depth: 3);
        await using var alice = await Synclet.CreateAsync(
            new SyncletComponents(aliceData, aliceMeta, new MemoryTransport("room1")), options: new SyncletOptions { Id = "alice" });
        var (bobData, bobMeta) = SqliteStore.ForFile(bobPath).CreateConnectors(depth: 3);
        await using var bob = await Synclet.CreateAsync(
            new SyncletComponents(bobData, bobMeta, new MemoryTransport("room1")), options: new SyncletOptions { Id = "bob" });

        var arrived = new TaskCompletionSource();
        bob.AtomChanged += (_, change) => arrived.TrySetResult();
        await alice.StartAsync();
        await bob.StartAsync();
        await alice.SetAtomAsync(new Address("todos", "t1", "title"), "Buy milk");  // one transaction on alice.db
        await arrived.Task;                                                         // and one on bob.db
        // SELECT atom FROM synclets_tree WHERE address1 = 'todos' AND address2 = 't1' AND address3 = 'title'  →  "Buy milk"
        // --- end of README example ---

        Assert.Equal("\"Buy milk\"", Probe.Scalar(bobPath, "SELECT atom FROM synclets_tree WHERE address1 = 'todos' AND address2 = 't1' AND address3 = 'title'"));
    }

    public void Dispose() => _directory.Dispose();
}
