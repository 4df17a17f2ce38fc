using Synclets.Connectors.Memory;
using Synclets.Transports.Memory;

namespace Synclets.Tests.Engine;

public class CreationTests
{
    [Fact]
    public async Task One_connector_alone_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Synclet.CreateAsync(new SyncletComponents(new MemoryDataConnector(1), null)));
        Assert.StartsWith("both connectors must be provided, or both omitted", error.Message);
    }

    [Fact]
    public async Task Connectors_of_different_depths_are_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Synclet.CreateAsync(new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(3))));
        Assert.StartsWith("depths must be positive and equal; 2 vs 3", error.Message);
    }

    [Fact]
    public void A_depth_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryDataConnector(0));

    [Fact]
    public async Task Parts_belong_to_one_synclet_at_a_time()
    {
        var data = new MemoryDataConnector(1);
        var meta = new MemoryMetaConnector(1);
        var transport = new MemoryTransport(Guid.NewGuid().ToString());
        var first = await Synclet.CreateAsync(new SyncletComponents(data, meta, transport));

        var dataError = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Synclet.CreateAsync(new SyncletComponents(data, new MemoryMetaConnector(1))));
        Assert.Equal("Data connector is already attached to a synclet", dataError.Message);

        var metaError = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Synclet.CreateAsync(new SyncletComponents(new MemoryDataConnector(1), meta)));
        Assert.Equal("Meta connector is already attached to a synclet", metaError.Message);

        var transportError = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Synclet.CreateAsync(new SyncletComponents(null, null, transport)));
        Assert.Equal("Transport is already attached to a synclet", transportError.Message);

        // A failed creation must not keep the free parts it touched.
        await using var other = await Synclet.CreateAsync(new SyncletComponents(new MemoryDataConnector(1), new MemoryMetaConnector(1)));

        await first.DisposeAsync();
        await using var second = await Synclet.CreateAsync(new SyncletComponents(data, meta, transport));
        Assert.Equal(1, second.Depth);
    }

    [Fact]
    public async Task A_relay_and_a_local_only_synclet_are_valid()
    {
        await using var relay = await Synclet.CreateAsync(new SyncletComponents(null, null, new MemoryTransport(Guid.NewGuid().ToString())));
        Assert.Equal(0, relay.Depth);
        await relay.StartAsync();

        await using var local = await Synclet.CreateAsync(new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(2)));
        await local.StartAsync();
        await local.SetAtomAsync(new Address("k", "v"), "x");
        Assert.Equal("x", (await local.GetAtomAsync(new Address("k", "v")))!.Value.AsString());
    }

    [Fact]
    public async Task Wrong_address_lengths_are_argument_errors()
    {
        await using var synclet = await Synclet.CreateAsync(new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(2)));
        await Assert.ThrowsAsync<ArgumentException>(() => synclet.SetAtomAsync(new Address("only-one"), 1));
        await Assert.ThrowsAsync<ArgumentException>(() => synclet.DelAtomAsync(new Address("a", "b", "c")));
        await Assert.ThrowsAsync<ArgumentException>(() => synclet.GetAtomAsync(Address.Root));
    }
}
