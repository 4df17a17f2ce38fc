namespace Synclets.Transports.Faults;

/// <summary>Running counts of the faults a <see cref="FaultyNetwork"/> injected. Safe to read at any time.</summary>
public sealed class FaultStatistics
{
    private long _packetsDropped;
    private long _packetsDuplicated;
    private long _packetsReordered;
    private long _packetsDelayed;
    private long _messagesCutOff;

    /// <summary>Packets thrown away.</summary>
    public long PacketsDropped => Interlocked.Read(ref _packetsDropped);

    /// <summary>Packets sent twice.</summary>
    public long PacketsDuplicated => Interlocked.Read(ref _packetsDuplicated);

    /// <summary>Packets held back behind a later one.</summary>
    public long PacketsReordered => Interlocked.Read(ref _packetsReordered);

    /// <summary>Packets sent late.</summary>
    public long PacketsDelayed => Interlocked.Read(ref _packetsDelayed);

    /// <summary>Packets and messages that a partition kept from crossing between groups of peers.</summary>
    public long MessagesCutOff => Interlocked.Read(ref _messagesCutOff);

    /// <summary>Every fault injected so far.</summary>
    public long Total => PacketsDropped + PacketsDuplicated + PacketsReordered + PacketsDelayed + MessagesCutOff;

    internal void CountDropped() => Interlocked.Increment(ref _packetsDropped);

    internal void CountDuplicated() => Interlocked.Increment(ref _packetsDuplicated);

    internal void CountReordered() => Interlocked.Increment(ref _packetsReordered);

    internal void CountDelayed() => Interlocked.Increment(ref _packetsDelayed);

    internal void CountCutOff() => Interlocked.Increment(ref _messagesCutOff);
}
