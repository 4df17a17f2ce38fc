using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Synclets.Transports.Local;

/// <summary>
/// Packets on a local connection: each is a frame, a 4-byte little-endian length and that many
/// bytes. A connection opens with both sides sending <see cref="Hello"/>, so a process that is not
/// a synclet hub (or one of another version) is told apart at once.
/// </summary>
internal static class LocalFrames
{
    /// <summary>The first frame each side sends: the protocol and its version.</summary>
    public static ReadOnlyMemory<byte> Hello { get; } = Encoding.ASCII.GetBytes("synclets-local/1");

    /// <summary>Writes one frame in a single write, so a socket sends it whole.</summary>
    public static async ValueTask WriteAsync(Stream stream, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var frame = ArrayPool<byte>.Shared.Rent(payload.Length + 4);
        try
        {
            BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length);
            payload.Span.CopyTo(frame.AsSpan(4));
            await stream.WriteAsync(frame.AsMemory(0, payload.Length + 4), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    /// <summary>
    /// Reads the next frame into an array of its own (the receiver keeps it); null when the other
    /// side closed the connection between frames.
    /// </summary>
    /// <exception cref="InvalidDataException">The frame is over <paramref name="maxFrameBytes"/>, or the connection ended inside one.</exception>
    public static async ValueTask<byte[]?> ReadAsync(Stream stream, int maxFrameBytes, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        if (!await FillAsync(stream, header, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < 0 || length > maxFrameBytes)
        {
            // Checked before anything is allocated: a hostile length costs nothing.
            throw new InvalidDataException($"a frame of {(uint)length} bytes is over the limit of {maxFrameBytes}");
        }

        var payload = new byte[length];
        if (!await FillAsync(stream, payload, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidDataException("the connection ended inside a frame");
        }

        return payload;
    }

    /// <summary>Sends <see cref="Hello"/> and checks the other side's.</summary>
    /// <exception cref="InvalidDataException">The other side is not a synclet channel of this version.</exception>
    public static async Task GreetAsync(Stream stream, CancellationToken cancellationToken)
    {
        await WriteAsync(stream, Hello, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        var theirs = await ReadAsync(stream, 256, cancellationToken).ConfigureAwait(false);
        if (theirs is null || !theirs.AsSpan().SequenceEqual(Hello.Span))
        {
            throw new InvalidDataException("the other side did not greet as a synclet channel (synclets-local/1)");
        }
    }

    /// <summary>Fills <paramref name="buffer"/>; false when the stream ended before its first byte.</summary>
    private static async ValueTask<bool> FillAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer[filled..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return filled == 0 ? false : throw new InvalidDataException("the connection ended inside a frame");
            }

            filled += read;
        }

        return true;
    }
}
