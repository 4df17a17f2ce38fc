using System.Net.WebSockets;

namespace Synclets.WebSockets.Framing;

/// <summary>One whole WebSocket message as read by <see cref="FrameReader"/>.</summary>
/// <param name="Kind">What arrived.</param>
/// <param name="Bytes">The message's bytes; empty unless <paramref name="Kind"/> is <see cref="FrameKind.Data"/>.</param>
/// <param name="IsText">Whether it came as a text message (JSON mode) rather than a binary one.</param>
internal readonly record struct Frame(FrameKind Kind, ReadOnlyMemory<byte> Bytes, bool IsText)
{
    public static Frame Closed { get; } = new(FrameKind.Closed, ReadOnlyMemory<byte>.Empty, false);

    /// <summary>How many bytes the message had, kept or not: what it cost to read.</summary>
    public long Length => Kind == FrameKind.TooLarge ? DiscardedBytes : Bytes.Length;

    private long DiscardedBytes { get; init; }

    public static Frame TooLarge(WebSocketMessageType type, long length) =>
        new(FrameKind.TooLarge, ReadOnlyMemory<byte>.Empty, type == WebSocketMessageType.Text) { DiscardedBytes = length };
}

/// <summary>What <see cref="FrameReader"/> read.</summary>
internal enum FrameKind
{
    /// <summary>A whole message within the size limit.</summary>
    Data,

    /// <summary>A message over the size limit, read to its end and thrown away.</summary>
    TooLarge,

    /// <summary>The peer closed the connection.</summary>
    Closed,
}
