using System.Net;
using System.Net.Sockets;
using Synclets.Conformance.Support;
using Synclets.Orleans.Tests.Support;
using Synclets.WebSockets.Client;
using Synclets.Wire;

namespace Synclets.Orleans.Tests.Processes;

/// <summary>
/// Two <c>synclets serve --cluster</c> processes on loopback, their membership and their stored rooms
/// in PostgreSQL: clients of one room on both converge, and after the node holding the room is killed
/// with SIGKILL its clients move to the other, the room comes back there, and nothing written is lost.
/// </summary>
public sealed class TwoProcessClusterTests
{
    [PostgresFact]
    public async Task Clients_of_two_nodes_converge_and_outlive_one_node_killed_with_sigkill()
    {
        await using var schema = await PostgresSchema.CreateAsync();
        await using var first = await StartNodeAsync(schema);
        await using var second = await StartNodeAsync(schema);
        await Eventually.UntilAsync(
            async () => Convert.ToInt64(await schema.ScalarAsync("SELECT count(*) FROM orleans_membership WHERE status = 3")) == 2,
            "both nodes are active members of the cluster",
            TimeSpan.FromSeconds(60));

        const string roomId = "two-nodes";
        await using var clients = await RoomClients.StartAsync([first.RoomUri(roomId), second.RoomUri(roomId)], 4, WireFormat.MessagePack);
        await clients.WriteAsync(first: 0, 10);
        await clients.ConvergedAsync(10, TimeSpan.FromSeconds(30));

        // The node whose silo activated the room's grain (it says so in its log) is the one to kill.
        var (doomed, survivor) = Activated(second, roomId) ? (second, first) : (first, second);
        Assert.True(Activated(doomed, roomId), "one of the nodes has the room's grain");
        var killing = doomed.KillAsync();
        await clients.WriteAsync(first: 10, 10);
        await killing;
        await clients.ConvergedAsync(20, TimeSpan.FromSeconds(90));
        await Eventually.UntilAsync(() => Task.FromResult(Activated(survivor, roomId)), "the room's grain is active on the surviving node");

        // The room's stored synclet has it all too: a newcomer with only the survivor's address gets it from there alone.
        await using var newcomer = await RoomClients.StartAsync([survivor.RoomUri(roomId)], 1, WireFormat.MessagePack, idPrefix: "newcomer");
        await Eventually.UntilAsync(
            async () => await newcomer.Synclets[0].GetAtomAsync(new Address("client0-19")) == 19 && await newcomer.Synclets[0].GetAtomAsync(new Address("client3-19")) == 19,
            "the newcomer has every client's last write",
            TimeSpan.FromSeconds(60));
    }

    private static bool Activated(ServerProcess node, string roomId) =>
        node.Output.Any(line => line.Contains($"Room '{roomId}' activated", StringComparison.Ordinal));

    private static Task<ServerProcess> StartNodeAsync(PostgresSchema schema) =>
        ServerProcess.StartAsync("--cluster", schema.ConnectionString, "--cluster-id", schema.Name, "--silo", $"127.0.0.1:{FreePort()}", "--postgres", schema.ConnectionString);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
