using Microsoft.Extensions.Time.Testing;
using Synclets.Connectors.Memory;
using Synclets.Tests.Support;

namespace Synclets.Tests.Engine;

public class LocalOperationsTests
{
    private static Task<Synclet> CreateAsync(int depth, TimeProvider? time = null) =>
        Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(depth), new MemoryMetaConnector(depth)),
            options: new SyncletOptions { Id = "local", TimeProvider = time });

    [Fact]
    public async Task Set_get_delete_and_snapshots()
    {
        await using var synclet = await CreateAsync(3);
        var title = new Address("todos", "t1", "title");
        await synclet.SetAtomAsync(title, "Buy milk");
        await synclet.SetAtomAsync(new Address("todos", "t1", "done"), false);

        Assert.Equal("Buy milk", (await synclet.GetAtomAsync(title))!.Value.AsString());
        var data = await synclet.GetDataAsync();
        Assert.Equal("Buy milk", data["todos"]["t1"]["title"].Value.AsString());

        await synclet.DelAtomAsync(title);
        Assert.Null(await synclet.GetAtomAsync(title));
        var meta = await synclet.GetMetaAsync();
        Assert.Equal(16, meta["todos"]["t1"]["title"].Value.Length);
        Assert.False((await synclet.GetDataAsync())["todos"]["t1"].ContainsKey("title"));
    }

    [Fact]
    public async Task Atom_changed_reports_old_and_new_values()
    {
        await using var synclet = await CreateAsync(1);
        var changes = new List<AtomChangedEventArgs>();
        synclet.AtomChanged += (_, change) => changes.Add(change);

        await synclet.SetAtomAsync(new Address("k"), 1);
        await synclet.SetAtomAsync(new Address("k"), 2);
        await synclet.SetAtomAsync(new Address("k"), 2);
        await synclet.DelAtomAsync(new Address("k"));
        await synclet.DelAtomAsync(new Address("k"));

        Assert.Equal(3, changes.Count);
        Assert.Equal((null, (Atom?)1), (changes[0].OldAtom, changes[0].NewAtom));
        Assert.Equal(((Atom?)1, (Atom?)2), (changes[1].OldAtom, changes[1].NewAtom));
        Assert.Equal(((Atom?)2, (Atom?)null), (changes[2].OldAtom, changes[2].NewAtom));
        Assert.All(changes, change => Assert.Equal(ChangeOrigin.Local, change.Origin));
    }

    [Fact]
    public async Task Each_write_gets_a_later_timestamp_from_the_configured_clock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000));
        await using var synclet = await CreateAsync(1, time);
        await synclet.SetAtomAsync(new Address("a"), 1);
        await synclet.SetAtomAsync(new Address("b"), 1);
        var meta = await synclet.GetMetaAsync();
        Assert.StartsWith("OhqqeV", meta["a"].Value);
        Assert.True(string.CompareOrdinal(meta["b"].Value, meta["a"].Value) > 0);
    }

    [Fact]
    public async Task A_bulk_write_is_one_batch_and_one_message()
    {
        var pool = Guid.NewGuid().ToString("N");
        var transport = new Synclets.Transports.Memory.MemoryTransport(pool);
        await using var writer = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(2), transport), options: new SyncletOptions { Id = "writer" });
        await using var reader = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(2), new Synclets.Transports.Memory.MemoryTransport(pool)),
            options: new SyncletOptions { Id = "reader" });
        await Task.WhenAll(writer.StartAsync(), reader.StartAsync());
        await writer.SetAtomAsync(new Address("r1", "gone"), 0);
        await Synclets.Conformance.Support.Eventually.UntilAsync(async () => await reader.GetAtomAsync(new Address("r1", "gone")) == 0, "the first write arrives");

        var sentBefore = transport.Statistics.MessagesSent;
        await writer.SetAtomsAsync(
        [
            new(new Address("r1", "a"), 1),
            new(new Address("r1", "b"), "two"),
            new(new Address("r1", "gone"), null),
        ]);

        Assert.Equal(sentBefore + 1, transport.Statistics.MessagesSent);
        await Synclets.Conformance.Support.Eventually.UntilAsync(async () => (await reader.GetAtomsAsync(new Address("r1"))).Count == 2, "the bulk write arrives");
        var row = await reader.GetAtomsAsync(new Address("r1"));
        Assert.Equal((Atom)1, row["a"]);
        Assert.Equal((Atom)"two", row["b"]);
    }

    [Fact]
    public async Task A_failed_batch_is_rolled_back_whole()
    {
        var meta = new FailingMetaConnector(2);
        await using var synclet = await Synclet.CreateAsync(new SyncletComponents(new MemoryDataConnector(2), meta));
        await synclet.SetAtomAsync(new Address("t", "a"), "kept");

        meta.FailHashWrites = true;
        await Assert.ThrowsAsync<IOException>(() => synclet.SetAtomAsync(new Address("t", "a"), "lost"));
        meta.FailHashWrites = false;

        Assert.Equal("kept", (await synclet.GetAtomAsync(new Address("t", "a")))!.Value.AsString());
        var timestamps = (await synclet.GetMetaAsync()).Leaves().ToList();
        Assert.Single(timestamps);
    }

    private sealed class FailingMetaConnector(int depth) : DelegatingMetaConnector(depth)
    {
        public bool FailHashWrites { get; set; }

        public override ValueTask WriteHashAsync(Address parentAddress, uint hash, CancellationToken cancellationToken = default) =>
            FailHashWrites ? throw new IOException("disk full") : base.WriteHashAsync(parentAddress, hash, cancellationToken);
    }
}
