using Synclets.Wire;

namespace Synclets.Transports;

/// <summary>Where a transport hands each reassembled message: its synclet.</summary>
internal interface ITransportReceiver
{
    /// <summary>Queues a payload from peer <paramref name="from"/> for decoding and processing; must not block.</summary>
    void Receive(Transport transport, string from, ReadOnlyMemory<byte> payload);

    /// <summary>Queues a sync of the whole tree through <paramref name="transport"/> alone; must not block.</summary>
    void Reconnected(Transport transport);

    /// <summary>Reports that peer <paramref name="from"/> sent a packet in <paramref name="theirs"/>, the other wire format; must not block.</summary>
    void PeerSpeaksOtherFormat(Transport transport, string from, WireFormat theirs);
}
