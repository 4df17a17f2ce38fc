using Npgsql;
using Synclets.Conformance.Support;
using Synclets.Orleans.Tests.Support;
using Synclets.Postgres;
using Synclets.Relational;
using Synclets.Wire;

namespace Synclets.Orleans.Tests.Stored;

/// <summary>
/// Rooms whose grain keeps a synclet storing the room in PostgreSQL, every room under its own scope of
/// one pair of tables: the data outlives the grain's activation and the silo it was on.
/// </summary>
public sealed class StoredRoomTests
{
    [PostgresFact]
    public async Task An_idle_room_deactivates_and_a_later_client_on_another_node_gets_its_data_from_the_database()
    {
        await using var schema = await PostgresSchema.CreateAsync();
        await using var cluster = await TestCluster.StartAsync(options: StoredIn(schema.DataSource, WireFormat.MessagePack));
        const string roomId = "stored-room";
        await using (var writers = await RoomClients.StartAsync([cluster.Nodes[0]], roomId, 2, WireFormat.MessagePack))
        {
            await writers.WriteAsync(first: 0, 10);
            await writers.ConvergedAsync(10, TimeSpan.FromSeconds(20));
            await Eventually.UntilAsync(
                async () => await schema.StoredAtomsAsync(roomId) == 20,
                "the room's synclet has stored the 20 atoms");
        }

        await Eventually.UntilAsync(() => Task.FromResult(cluster.NodeHosting(roomId) is null), "the idle room's grain has deactivated");

        await using var late = await RoomClients.StartAsync([cluster.Nodes[2]], roomId, 1, WireFormat.MessagePack);
        await Eventually.UntilAsync(
            async () => await late.Synclets[0].GetAtomAsync(new Address("client1-9")) == 9 && await late.Synclets[0].GetAtomAsync(new Address("client0-0")) == 0,
            "the late client has the room's data");
    }

    [PostgresFact]
    public async Task A_stored_room_whose_silo_is_killed_comes_back_on_another_with_everything_written()
    {
        await using var schema = await PostgresSchema.CreateAsync();
        await using var cluster = await TestCluster.StartAsync(options: StoredIn(schema.DataSource, WireFormat.Json));
        const string roomId = "stored-moving-room";
        await using var clients = await RoomClients.StartAsync(cluster.Nodes, roomId, 3, WireFormat.Json);
        await clients.WriteAsync(first: 0, 10);
        var doomed = await cluster.HostOfAsync(roomId);

        var killing = cluster.KillNodeAsync(doomed);
        await clients.WriteAsync(first: 10, 10);
        await killing;
        await clients.ConvergedAsync(20, TimeSpan.FromSeconds(60));

        // The room's new synclet loaded what its predecessor stored and took the rest from the clients.
        await Eventually.UntilAsync(
            async () => await schema.StoredAtomsAsync(roomId) == 60,
            "the room's synclet has stored all 60 atoms",
            TimeSpan.FromSeconds(60));
        Assert.NotSame(doomed, await cluster.HostOfAsync(roomId));
    }

    /// <summary>Rooms stored in <paramref name="dataSource"/>'s schema; their clients must speak <paramref name="format"/>, as with one server.</summary>
    private static SyncletClusterOptions StoredIn(NpgsqlDataSource dataSource, WireFormat format) => TestCluster.FastOptions with
    {
        RoomTransportOptions = new Transports.TransportOptions { WireFormat = format },
        CreateRoomSynclet = (roomId, transport, _, cancellationToken) =>
        {
            var (data, meta) = new PostgresStore(dataSource).CreateConnectors(1, new TreeTableOptions { Scope = roomId });
            return Synclet.CreateAsync(new SyncletComponents(data, meta, transport), cancellationToken: cancellationToken);
        },
    };
}
