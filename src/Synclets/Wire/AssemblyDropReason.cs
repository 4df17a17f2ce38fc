namespace Synclets.Wire;

/// <summary>Why a <see cref="PacketAssembler"/> refused a packet or released a message.</summary>
public enum AssemblyDropReason
{
    /// <summary>Nothing was dropped.</summary>
    None,

    /// <summary>The index is negative or not below the total.</summary>
    IndexOutOfRange,

    /// <summary>
    /// The total is below 1, or so large the message could not fit in
    /// <see cref="Transports.TransportOptions.MaxMessageBytes"/> (each fragment carries at least a byte).
    /// </summary>
    AbsurdTotal,

    /// <summary>A fragment announced a different total than earlier fragments of the same message.</summary>
    TotalMismatch,

    /// <summary>A fragment with this index of this message already arrived.</summary>
    DuplicateFragment,

    /// <summary>An empty fragment of a message of several fragments (only a lone fragment may be empty).</summary>
    EmptyFragment,

    /// <summary>
    /// The message's fragments add up to more than <see cref="Transports.TransportOptions.MaxMessageBytes"/>;
    /// it was released, and its later fragments are refused too.
    /// </summary>
    MessageTooLarge,

    /// <summary>The sender already has <see cref="Transports.TransportOptions.MaxPendingMessagesPerSender"/> incomplete messages.</summary>
    TooManyPendingForSender,

    /// <summary>All senders together already have <see cref="Transports.TransportOptions.MaxPendingMessages"/> incomplete messages.</summary>
    TooManyPending,

    /// <summary>Incomplete messages of all senders together already hold <see cref="Transports.TransportOptions.MaxPendingBytes"/>.</summary>
    TooManyPendingBytes,

    /// <summary>
    /// The sender's incomplete messages already hold <see cref="Transports.TransportOptions.MaxPendingBytesPerSender"/>:
    /// one sender (a broadcast of fragments never completed, say) cannot take every other sender's room.
    /// </summary>
    TooManyPendingBytesForSender,

    /// <summary>
    /// Incomplete messages of every transport in the process already hold
    /// <see cref="PacketAssembler.MaxPendingBytesPerProcess"/>.
    /// </summary>
    TooManyPendingBytesInProcess,

    /// <summary>
    /// The message waited longer than <see cref="Transports.TransportOptions.ReassemblyTimeout"/> for a
    /// fragment and was released. Never returned by <see cref="PacketAssembler.Add"/>: see
    /// <see cref="PacketAssembler.RemoveExpired"/> and <see cref="PacketAssembler.TakeExpiredPacketCount"/>.
    /// </summary>
    TimedOut,
}
