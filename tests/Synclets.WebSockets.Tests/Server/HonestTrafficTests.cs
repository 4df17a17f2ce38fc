using Synclets.Conformance.Support;
using Synclets.WebSockets.Client;
using Synclets.WebSockets.Tests.Support;
using Synclets.Wire;

namespace Synclets.WebSockets.Tests.Server;

/// <summary>The default limits against hostile clients never touch honest ones.</summary>
public sealed class HonestTrafficTests
{
    [Theory]
    [InlineData(WireFormat.MessagePack)] // about 850 packets, 3.5 MB
    [InlineData(WireFormat.Json)] // about 3,700 packets, 15 MB
    public async Task An_initial_sync_of_a_hundred_thousand_atoms_at_full_speed_is_never_rate_limited(WireFormat format)
    {
        const int atoms = 100_000;
        var options = Peers.FastReconnect with { WireFormat = format };
        await using var server = await Loopback.StartServerAsync();

        // A flat tree answers in one message: 100,000 atoms in 4,096-unit fragments, sent as fast as the socket takes them.
        await using var full = await Peers.CreateAsync("full", new WsClientTransport(server.RoomUri("room"), options));
        await full.SetAtomsAsync(Enumerable.Range(0, atoms).Select(i => KeyValuePair.Create(new Address($"key {i}"), (Atom?)$"value {i}")), sync: false);
        await using var empty = await Peers.StartClientAsync("empty", server.RoomUri("room"), options);
        await full.StartAsync();

        await Eventually.UntilAsync(
            async () => (await empty.GetAtomsAsync(Address.Root)).Count == atoms,
            "the empty client holds every atom",
            TimeSpan.FromSeconds(120));
        Assert.Equal(0, server.Statistics.PacketsRateLimited);
        Assert.Equal(0, server.Statistics.FloodersDisconnected);
        Assert.Equal(0, server.Statistics.SlowClientsDisconnected);
    }
}
