namespace Synclets.Transports;

/// <summary>Running counts of what a transport sent, received and dropped. Safe to read at any time.</summary>
public sealed class TransportStatistics
{
    private long _packetsSent;
    private long _bytesSent;
    private long _messagesSent;
    private long _packetsReceived;
    private long _bytesReceived;
    private long _messagesReceived;
    private long _packetsDropped;
    private long _messagesDropped;

    /// <summary>Packets handed to the network.</summary>
    public long PacketsSent => Interlocked.Read(ref _packetsSent);

    /// <summary>Bytes of those packets.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Whole messages sent.</summary>
    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    /// <summary>Packets that arrived.</summary>
    public long PacketsReceived => Interlocked.Read(ref _packetsReceived);

    /// <summary>Bytes of those packets.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>Whole messages reassembled and handed to the synclet.</summary>
    public long MessagesReceived => Interlocked.Read(ref _messagesReceived);

    /// <summary>Packets refused: malformed, duplicate, over a limit, or never completed in time.</summary>
    public long PacketsDropped => Interlocked.Read(ref _packetsDropped);

    /// <summary>Reassembled messages refused because they could not be decoded.</summary>
    public long MessagesDropped => Interlocked.Read(ref _messagesDropped);

    internal void CountSent(int bytes)
    {
        Interlocked.Increment(ref _packetsSent);
        Interlocked.Add(ref _bytesSent, bytes);
    }

    internal void CountMessageSent() => Interlocked.Increment(ref _messagesSent);

    internal void CountReceived(int bytes)
    {
        Interlocked.Increment(ref _packetsReceived);
        Interlocked.Add(ref _bytesReceived, bytes);
    }

    internal void CountMessageReceived() => Interlocked.Increment(ref _messagesReceived);

    internal void CountPacketsDropped(int count = 1) => Interlocked.Add(ref _packetsDropped, count);

    internal void CountMessageDropped() => Interlocked.Increment(ref _messagesDropped);
}
