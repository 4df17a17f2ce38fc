using Synclets.Wire;

namespace Synclets.Transports;

/// <summary>
/// Format and limits of a transport. Limits protect the receiver from bad or hostile peers.
/// Transports with settings of their own derive their options from this record.
/// </summary>
public record TransportOptions
{
    /// <summary>The encoding of messages and packets; <see cref="WireFormat.MessagePack"/> by default.</summary>
    public WireFormat WireFormat { get; init; } = WireFormat.MessagePack;

    /// <summary>
    /// The largest fragment a packet carries: UTF-16 code units of the JSON text in JSON mode (as the
    /// TypeScript peers count), bytes in MessagePack mode. 4096 by default.
    /// </summary>
    public int FragmentSize { get; init; } = 4096;

    /// <summary>The largest message accepted, in bytes once reassembled; 64 MiB by default.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>How many partly received messages one sender may have at once; 64 by default.</summary>
    public int MaxPendingMessagesPerSender { get; init; } = 64;

    /// <summary>How many partly received messages all senders together may have at once; 1024 by default.</summary>
    public int MaxPendingMessages { get; init; } = 1024;

    /// <summary>
    /// How many bytes partly received messages of all senders together may hold; 256 MiB by default.
    /// Without it, many senders each just under <see cref="MaxMessageBytes"/> could fill memory.
    /// </summary>
    public long MaxPendingBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>
    /// How many bytes the partly received messages of one sender may hold; 64 MiB by default (one
    /// largest message). A quarter of <see cref="MaxPendingBytes"/>, so a sender that starts messages
    /// and never finishes them leaves the others room.
    /// </summary>
    public long MaxPendingBytesPerSender { get; init; } = 64L * 1024 * 1024;

    /// <summary>How long a partly received message may wait for its remaining fragments; 30 s by default.</summary>
    public TimeSpan ReassemblyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks that every value is usable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is zero or negative.</exception>
    public virtual void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(FragmentSize, 2, nameof(FragmentSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxMessageBytes, nameof(MaxMessageBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPendingMessagesPerSender, nameof(MaxPendingMessagesPerSender));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPendingMessages, nameof(MaxPendingMessages));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPendingBytes, nameof(MaxPendingBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPendingBytesPerSender, nameof(MaxPendingBytesPerSender));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReassemblyTimeout, TimeSpan.Zero, nameof(ReassemblyTimeout));
    }
}
