using System.Collections.Concurrent;
using Synclets.Transports;

namespace Synclets.Tests.Support;

/// <summary>A transport whose packets the test writes and reads directly, as a hostile or scripted peer would.</summary>
internal sealed class RawTransport(TransportOptions? options = null) : Transport(options)
{
    public ConcurrentQueue<(string To, byte[] Packet)> Sent { get; } = new();

    /// <summary>Whether the scripted peer is still there; a synclet abandons answers to a peer that left.</summary>
    public bool PeerPresent { get; set; } = true;

    /// <summary>The messages sent so far, decoded.</summary>
    public IEnumerable<Protocol.Message> SentMessages()
    {
        var assembler = new Synclets.Wire.PacketAssembler(Options, TimeProvider.System);
        foreach (var (_, packet) in Sent)
        {
            if (Codec.TryParsePacket(packet, out var parsed) && assembler.Add(parsed) is { Status: Synclets.Wire.AssemblyStatus.Completed } result)
            {
                yield return Codec.DecodeMessage(result.Payload.Span);
            }
        }
    }

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

    protected internal override bool HasPeer(string peerId) => IsConnected && PeerPresent;

    protected override Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override Task DisconnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override ValueTask SendPacketAsync(string to, ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        Sent.Enqueue((to, packet.ToArray()));
        return ValueTask.CompletedTask;
    }
}
