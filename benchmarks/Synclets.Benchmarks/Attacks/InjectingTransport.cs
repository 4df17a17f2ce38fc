using Synclets.Protocol;
using Synclets.Transports;
using Synclets.Wire;

namespace Synclets.Benchmarks.Attacks;

/// <summary>The attacker's end of a connection: packets are injected as if they came off the network; what the target sends is counted and dropped.</summary>
internal sealed class InjectingTransport(WireFormat format) : Transport(new TransportOptions { WireFormat = format })
{
    private long _packetsSent;

    public long PacketsSent => Interlocked.Read(ref _packetsSent);

    public void Inject(byte[] packet) => ReceivePacket(packet);

    public void InjectMessage(string from, Message message)
    {
        foreach (var packet in Codec.EncodePackets(from, WireCodec.NewMessageId(), message, Options.FragmentSize))
        {
            ReceivePacket(packet);
        }
    }

    protected override Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override Task DisconnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override ValueTask SendPacketAsync(string to, ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _packetsSent);
        return ValueTask.CompletedTask;
    }
}
