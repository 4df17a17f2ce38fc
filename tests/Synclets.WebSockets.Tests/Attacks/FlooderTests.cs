using System.Diagnostics;
using System.Net.WebSockets;
using Synclets.Conformance.Support;
using Synclets.WebSockets.Client;
using Synclets.WebSockets.Server;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Attacks;

/// <summary>
/// A client floods its room with tiny valid packets: it is held to its rate limit and then
/// disconnected, and the honest clients it floods are neither disconnected nor kept from syncing.
/// </summary>
public sealed class FlooderTests
{
    private static readonly TimeSpan FloodDuration = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_flooder_is_rate_limited_then_disconnected_and_honest_clients_stay_connected_and_sync()
    {
        // Default rates and bursts; only the time a flooder may stay over them is shortened, to keep the test short.
        await using var server = await Loopback.StartServerAsync(new WsServerOptions { MaxTimeOverRateLimit = TimeSpan.FromSeconds(1) });
        await using var alice = await Peers.StartClientAsync("alice", server.RoomUri("room"));
        await using var bob = await Peers.StartClientAsync("bob", server.RoomUri("room"));
        var honestConnectionsLost = 0;
        foreach (var synclet in new[] { alice, bob })
        {
            Peers.ClientTransportOf(synclet).StateChanged += (_, change) =>
            {
                if (change.State != WsConnectionState.Open)
                {
                    Interlocked.Increment(ref honestConnectionsLost);
                }
            };
        }

        await Eventually.UntilAsync(() => Task.FromResult(server.GetClientIds("room").Count == 2), "both honest clients are in the room");
        var honestIds = server.GetClientIds("room");
        await using var flooder = await RawPeer.ConnectAsync(server.RoomUri("room"));
        var flooderId = server.GetClientIds("room").Except(honestIds).Single();

        var flood = Task.Run(() => FloodAsync(server, flooder, flooderId));
        await alice.SetAtomAsync(new Address("during the flood"), 1);
        await Peers.HasAsync(bob, new Address("during the flood"), 1);
        var (sent, elapsed) = await flood;

        Assert.False(server.GetClientIds("room").Contains(flooderId), $"the flooder is still connected after sending {sent:N0} packets in {elapsed.TotalSeconds:0.0} s");
        await bob.SetAtomAsync(new Address("after the flood"), 2);
        await Peers.HasAsync(alice, new Address("after the flood"), 2);
        Assert.Equal(0, Volatile.Read(ref honestConnectionsLost));
        Assert.Equal(honestIds.Order(), server.GetClientIds("room").Order());
        Assert.Equal(0, server.Statistics.SlowClientsDisconnected);
        Assert.Equal(1, server.Statistics.FloodersDisconnected);
        Assert.True(server.Statistics.PacketsRateLimited > 0, "rate-limited packets are counted");
        Assert.True(
            server.Statistics.PacketsRateLimited + server.Statistics.PacketsReceived <= sent + 1_000,
            $"{server.Statistics.PacketsRateLimited:N0} rate-limited and {server.Statistics.PacketsReceived:N0} relayed, of {sent:N0} sent");
    }

    /// <summary>Sends tiny packets as fast as the socket takes them, until the server lets go of the flooder or the flood's time is up.</summary>
    private static async Task<(long Sent, TimeSpan Elapsed)> FloodAsync(WsServer server, RawPeer flooder, string flooderId)
    {
        var packet = TinyPackets.Broadcast();
        var clock = Stopwatch.StartNew();
        long sent = 0;
        try
        {
            while (clock.Elapsed < FloodDuration)
            {
                await flooder.SendBinaryAsync(packet);
                sent++;
                if (sent % 1_000 == 0 && !server.GetClientIds("room").Contains(flooderId))
                {
                    break;
                }
            }
        }
        catch (WebSocketException)
        {
            // The server cut the connection.
        }

        return (sent, clock.Elapsed);
    }
}
