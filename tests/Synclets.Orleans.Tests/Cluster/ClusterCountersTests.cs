using Synclets.Conformance.Support;
using Synclets.Orleans.Tests.Support;

namespace Synclets.Orleans.Tests.Cluster;

/// <summary>The cluster keeps the single server's counters: what it cannot deliver is counted on the node that took it in.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class ClusterCountersTests(SharedCluster shared)
{
    [Fact]
    public async Task A_packet_for_a_peer_on_no_node_is_counted_dropped_on_the_senders_node()
    {
        var node = shared.Cluster.Nodes[0];
        var roomId = "counters-" + Guid.NewGuid().ToString("N");
        await using var peer = await RawPeer.ConnectAsync(node.RoomUri(roomId));
        var dropped = node.Server.Statistics.PacketsDropped;

        // Well formed, addressed to an id no node has: the room's grain says so, and the node counts it.
        await peer.SendTextAsync("nobody0000000000 ALa0mv59s6n-qUe5 0 1 [1,0,2,[\"users\",\"alice\"],\"\",{}]");

        await Eventually.UntilAsync(() => Task.FromResult(node.Server.Statistics.PacketsDropped >= dropped + 1), "the node counts the packet dropped");
    }
}
