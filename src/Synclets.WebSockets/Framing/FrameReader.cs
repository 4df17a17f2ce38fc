using System.Buffers;
using System.Net.WebSockets;

namespace Synclets.WebSockets.Framing;

/// <summary>
/// Reads whole WebSocket messages with a size limit. A message over the limit is read to its end
/// and discarded, so a hostile peer costs at most one limit's worth of memory per connection.
/// </summary>
internal sealed class FrameReader : IDisposable
{
    private const int ChunkSize = 16 * 1024;
    private readonly WebSocket _socket;
    private readonly int _maxBytes;
    private byte[] _chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);

    public FrameReader(WebSocket socket, int maxBytes)
    {
        _socket = socket;
        _maxBytes = maxBytes;
    }

    /// <summary>
    /// Reads the next message. The returned bytes are a fresh array the caller owns: packets are
    /// handed on to other threads, so they cannot live in a reused buffer.
    /// </summary>
    public async ValueTask<Frame> ReadAsync(CancellationToken cancellationToken)
    {
        byte[]? message = null;
        var length = 0;
        long discarded = 0;
        var tooLarge = false;
        while (true)
        {
            var result = await _socket.ReceiveAsync(_chunk.AsMemory(), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return Frame.Closed;
            }

            if (tooLarge)
            {
                discarded += result.Count;
            }
            else if ((long)length + result.Count > _maxBytes)
            {
                tooLarge = true;
                discarded = (long)length + result.Count;
                message = null;
            }
            else if (result.Count > 0)
            {
                message = Append(message, length, _chunk.AsSpan(0, result.Count));
                length += result.Count;
            }

            if (result.EndOfMessage)
            {
                return tooLarge
                    ? Frame.TooLarge(result.MessageType, discarded)
                    : new Frame(FrameKind.Data, message.AsMemory(0, length), result.MessageType == WebSocketMessageType.Text);
            }
        }
    }

    public void Dispose()
    {
        var chunk = Interlocked.Exchange(ref _chunk, []);
        if (chunk.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    // Most packets arrive in one chunk; a multi-chunk message grows by doubling, up to the limit.
    private byte[] Append(byte[]? message, int length, ReadOnlySpan<byte> chunk)
    {
        if (message is null || length + chunk.Length > message.Length)
        {
            var grown = new byte[Math.Min(_maxBytes, Math.Max(length + chunk.Length, (message?.Length ?? 0) * 2))];
            message?.AsSpan(0, length).CopyTo(grown);
            message = grown;
        }

        chunk.CopyTo(message.AsSpan(length));
        return message;
    }
}
