using Synclets.Transports;
using Synclets.Wire;

namespace Synclets.WebSockets.Server;

/// <summary>
/// Makes a synclet on the server a peer in one room of a <see cref="WsServer"/>: it hears every
/// client of the room and they hear it, without a socket in between. The synclet's id is its peer id
/// in the room.
/// </summary>
public sealed class WsServerTransport : Transport
{
    private readonly WsServer _server;
    private Member? _member;

    /// <summary>Creates a transport that joins room <paramref name="roomId"/> of <paramref name="server"/> when its synclet starts.</summary>
    /// <param name="server">The broker whose room to join.</param>
    /// <param name="roomId">The room: the part of the URL path the endpoint's <c>room</c> parameter matches (with <c>"/{**room}"</c>, the path without its leading slash).</param>
    /// <param name="options">Format and limits; the room's clients must use the same format.</param>
    public WsServerTransport(WsServer server, string roomId, TransportOptions? options = null) : base(options)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(roomId);
        _server = server;
        RoomId = roomId;
    }

    /// <summary>The room this transport joins.</summary>
    public string RoomId { get; }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A peer with the synclet's id is already in the room.</exception>
    protected override Task ConnectAsync(CancellationToken cancellationToken)
    {
        var member = new Member(this);
        member.Room = _server.Join(RoomId, member);
        _member = member;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _member, null) is { Room: { } room } member)
        {
            _server.Leave(room, member);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override ValueTask SendPacketAsync(string to, ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        if (_member is { Room: { } room } member)
        {
            _server.RelayFrom(room, member, packet, Options.WireFormat == WireFormat.Json);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    protected internal override bool HasPeer(string peerId) => _member is { Room: { } room } && room.MayReach(peerId);

    /// <summary>The transport as the room sees it.</summary>
    private sealed class Member(WsServerTransport transport) : IRoomMember
    {
        public string Id { get; } = transport.SyncletId;

        public bool IsClient => false;

        public Room? Room { get; set; }

        public void Deliver(OutgoingFrame frame) => transport.ReceivePacket(frame.Bytes);
    }
}
