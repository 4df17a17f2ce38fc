namespace Synclets.Wire;

/// <summary>What became of a packet handed to a <see cref="PacketAssembler"/>.</summary>
public enum AssemblyStatus
{
    /// <summary>The fragment was kept; its message still lacks other fragments.</summary>
    Pending,

    /// <summary>The fragment completed its message; the result carries the whole payload.</summary>
    Completed,

    /// <summary>The fragment was refused; the result says why.</summary>
    Dropped,
}
