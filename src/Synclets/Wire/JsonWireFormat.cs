using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Synclets.Protocol;

namespace Synclets.Wire;

/// <summary>
/// The TypeScript Synclets' wire format, byte for byte: messages as JSON text, packets as the text
/// <c>to messageId index total fragment</c>. Use it to sync with JavaScript peers and brokers.
/// </summary>
/// <remarks>
/// A string atom whose value is exactly U+FFFC cannot travel in this format: it means "deleted".
/// </remarks>
public sealed class JsonWireFormat : WireCodec
{
    private JsonWireFormat()
    {
    }

    /// <summary>The one instance.</summary>
    internal static JsonWireFormat Instance { get; } = new();

    /// <inheritdoc />
    public override WireFormat Format => WireFormat.Json;

    /// <inheritdoc />
    public override byte[] EncodeMessage(Message message)
    {
        using var buffer = new PooledBuffer();
        JsonMessageWriter.Write(buffer, message);
        return buffer.WrittenSpan.ToArray();
    }

    /// <inheritdoc />
    public override Message DecodeMessage(ReadOnlySpan<byte> payload) => JsonMessageReader.Read(payload);

    /// <inheritdoc />
    /// <remarks>
    /// Fragments are cut from the JSON text in chunks of at most <paramref name="fragmentSize"/>
    /// UTF-16 code units, never between the two halves of a surrogate pair (a chunk that would end
    /// on a high surrogate ends one unit earlier; with a size of 1 a pair travels whole).
    /// </remarks>
    public override IReadOnlyList<byte[]> EncodePackets(string to, string messageId, Message message, int fragmentSize)
    {
        CheckTextId(to, nameof(to));
        CheckTextId(messageId, nameof(messageId));
        CheckFragmentSize(fragmentSize);

        using var buffer = new PooledBuffer();
        JsonMessageWriter.Write(buffer, message);
        var text = buffer.WrittenSpan;

        // Most messages are one packet: only a longer text is cut, and only then are its cuts listed.
        List<int>? cuts = null;
        if (text.Length > fragmentSize)
        {
            cuts = [];
            var cut = 0;
            do
            {
                cut = Utf16Chunker.ChunkEnd(text, cut, fragmentSize);
                cuts.Add(cut);
            }
            while (cut < text.Length);
        }

        var total = cuts?.Count ?? 1;
        var toLength = Encoding.UTF8.GetByteCount(to);
        var idLength = Encoding.UTF8.GetByteCount(messageId);
        var packets = new byte[total][];
        Span<byte> numbers = stackalloc byte[24];
        var start = 0;
        for (var index = 0; index < total; index++)
        {
            var end = cuts?[index] ?? text.Length;
            var fragment = text[start..end];
            var numbersLength = WriteNumbers(numbers, index, total);
            var packet = new byte[toLength + 1 + idLength + 1 + numbersLength + fragment.Length];
            var at = Encoding.UTF8.GetBytes(to, packet);
            packet[at++] = (byte)' ';
            at += Encoding.UTF8.GetBytes(messageId, packet.AsSpan(at));
            packet[at++] = (byte)' ';
            numbers[..numbersLength].CopyTo(packet.AsSpan(at));
            at += numbersLength;
            fragment.CopyTo(packet.AsSpan(at));
            packets[index] = packet;
            start = end;
        }

        return packets;
    }

    /// <inheritdoc />
    public override bool TryParsePacket(ReadOnlyMemory<byte> packet, out Packet parsed)
    {
        parsed = default;
        var span = packet.Span;
        Span<int> spaces = stackalloc int[4];
        var from = 0;
        for (var i = 0; i < spaces.Length; i++)
        {
            var space = span[from..].IndexOf((byte)' ');
            if (space < 0)
            {
                return false;
            }

            spaces[i] = from + space;
            from = spaces[i] + 1;
        }

        var peer = span[..spaces[0]];
        var messageId = span[(spaces[0] + 1)..spaces[1]];
        if (peer.IsEmpty || messageId.IsEmpty || !Utf8.IsValid(peer) || !Utf8.IsValid(messageId))
        {
            return false;
        }

        if (!TryParseCount(span[(spaces[1] + 1)..spaces[2]], out var index)
            || !TryParseCount(span[(spaces[2] + 1)..spaces[3]], out var total)
            || total < 1 || index >= total)
        {
            return false;
        }

        parsed = new Packet(
            Encoding.UTF8.GetString(peer),
            Encoding.UTF8.GetString(messageId),
            index,
            total,
            packet[(spaces[3] + 1)..]);
        return true;
    }

    /// <inheritdoc />
    public override byte[] WithPeer(ReadOnlySpan<byte> packet, string peer)
    {
        CheckTextId(peer, nameof(peer));
        var space = packet.IndexOf((byte)' ');
        if (space < 0)
        {
            throw new WireFormatException("The packet has no leading peer field (no space found).");
        }

        var rest = packet[space..];
        var peerLength = Encoding.UTF8.GetByteCount(peer);
        var result = new byte[peerLength + rest.Length];
        Encoding.UTF8.GetBytes(peer, result);
        rest.CopyTo(result.AsSpan(peerLength));
        return result;
    }

    /// <summary>Ids in a text packet are space-separated fields, so they cannot hold a space.</summary>
    private static void CheckTextId(string value, string paramName)
    {
        CheckPacketId(value, paramName);
        if (value.Contains(' '))
        {
            throw new ArgumentException($"A JSON-mode packet field cannot contain a space: \"{value}\".", paramName);
        }
    }

    /// <summary>Writes <c>index total </c> (with the trailing space before the fragment).</summary>
    private static int WriteNumbers(Span<byte> destination, int index, int total)
    {
        index.TryFormat(destination, out var at, default, CultureInfo.InvariantCulture);
        destination[at++] = (byte)' ';
        total.TryFormat(destination[at..], out var totalLength, default, CultureInfo.InvariantCulture);
        at += totalLength;
        destination[at++] = (byte)' ';
        return at;
    }

    /// <summary>Parses a non-negative decimal count of ASCII digits only (no sign, no spaces).</summary>
    private static bool TryParseCount(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            return false;
        }

        return Utf8Parser.TryParse(digits, out value, out var consumed) && consumed == digits.Length;
    }
}
