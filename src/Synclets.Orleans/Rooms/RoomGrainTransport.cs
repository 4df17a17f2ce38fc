using Synclets.Orleans.Grains;
using Synclets.Transports;
using Synclets.Wire;

namespace Synclets.Orleans.Rooms;

/// <summary>
/// Makes a room grain's synclet a member of its room: it hears every client of the room, on whichever
/// node, and they hear it, with no socket in between. The synclet's id is its peer id in the room.
/// </summary>
internal sealed class RoomGrainTransport(RoomRoutes routes, TransportOptions? options) : Transport(options), IRoomSyncletMember
{
    private bool _attached;

    /// <inheritdoc />
    public string Id => SyncletId;

    /// <inheritdoc />
    public void Deliver(byte[] packet) => ReceivePacket(packet);

    /// <inheritdoc />
    protected override Task ConnectAsync(CancellationToken cancellationToken)
    {
        routes.Attach(this);
        _attached = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (_attached)
        {
            routes.Detach(this);
            _attached = false;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override ValueTask SendPacketAsync(string to, ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        // As a client's packet reaches the room: the addressee's id replaced by the sender's.
        var forwarded = new RoomPacket(to, Codec.WithPeer(packet.Span, SyncletId), Options.WireFormat == WireFormat.Json);
        routes.RouteFromSynclet(SyncletId, forwarded);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    protected internal override bool HasPeer(string peerId) => _attached && routes.Contains(peerId);
}
