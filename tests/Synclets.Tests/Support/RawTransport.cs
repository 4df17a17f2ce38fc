using System.Collections.Concurrent;
using Synclets.Transports;

namespace Synclets.Tests.Support;

/// <summary>A transport whose packets the test writes and reads directly, as a hostile or scripted peer would.</summary>
internal sealed class RawTransport(TransportOptions? options = null) : Transport(options)
{
    public ConcurrentQueue<(string To, byte[] Packet)> Sent { get; } = new();

    /// <summary>Delivers a packet as if it came off the network.</summary>
    public void Inject(byte[] packet) => ReceivePacket(packet);

    /// <summary>Encodes and delivers a whole message from <paramref name="from"/>.</summary>
    public void InjectMessage(string from, Protocol.Message message)
    {
        foreach (var packet in Codec.EncodePackets(from, Synclets.Wire.WireCodec.NewMessageId(), message, Options.FragmentSize))
        {
            Inject(packet);
        }
    }

    protected override Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override Task DisconnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override ValueTask SendPacketAsync(string to, ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        Sent.Enqueue((to, packet.ToArray()));
        return ValueTask.CompletedTask;
    }
}
