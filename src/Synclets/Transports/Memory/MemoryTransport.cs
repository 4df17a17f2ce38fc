using Synclets.Wire;

namespace Synclets.Transports.Memory;

/// <summary>
/// Connects synclets in one process: every transport with the same pool id sees the others.
/// Packets go through the same encoding, fragmentation and reassembly as on a network.
/// </summary>
public sealed class MemoryTransport : Transport
{
    private MemoryTransportPool? _pool;

    /// <summary>Creates a transport that joins pool <paramref name="poolId"/> when its synclet starts.</summary>
    public MemoryTransport(string poolId, TransportOptions? options = null) : base(options)
    {
        ArgumentNullException.ThrowIfNull(poolId);
        PoolId = poolId;
    }

    /// <summary>The pool this transport joins.</summary>
    public string PoolId { get; }

    /// <inheritdoc />
    protected override Task ConnectAsync(CancellationToken cancellationToken)
    {
        _pool = MemoryTransportPool.Join(PoolId, SyncletId, this);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task DisconnectAsync(CancellationToken cancellationToken)
    {
        MemoryTransportPool.Leave(PoolId, SyncletId, this);
        _pool = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override ValueTask SendPacketAsync(string to, ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        _pool?.Deliver(SyncletId, Codec, to, packet);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    protected internal override bool HasPeer(string peerId) => _pool?.Contains(peerId) ?? false;

    // Like a broker, the pool replaces the leading addressee with the sender's id, in the sender's
    // format: a receiver set up with the other format then sees the packet as its sender wrote it.
    internal void Deliver(string from, WireCodec senderCodec, ReadOnlyMemory<byte> packet) => ReceivePacket(senderCodec.WithPeer(packet.Span, from));
}
