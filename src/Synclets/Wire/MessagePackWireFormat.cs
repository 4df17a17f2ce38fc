using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics;
using System.Security.Cryptography;
using MessagePack;
using Synclets.Protocol;

namespace Synclets.Wire;

/// <summary>
/// The compact binary format, the default between .NET peers: messages as MessagePack arrays,
/// compressed with LZ4 (MessagePack-CSharp's <see cref="MessagePackCompression.Lz4BlockArray"/>,
/// which leaves small payloads uncompressed); packets as <c>[to, messageId, index, total, fragment]</c>.
/// </summary>
/// <remarks>
/// MessagePack strings are UTF-8: a string that is not valid UTF-8 is refused, never read as U+FFFD,
/// so two distinct ids never become one. A compressed payload may expand only as far as LZ4 can
/// (about 255 times its size) and never past the receiver's largest message, so a few bytes that
/// claim many megabytes cost nothing.
/// </remarks>
public sealed class MessagePackWireFormat : WireCodec
{
    // Built from our resolver alone, not from MessagePackSerializerOptions.Standard: touching Standard
    // initializes MessagePack's standard resolver chain (its dynamic resolvers included), tens of
    // milliseconds of a fresh process's start spent on formatters that are never used here.
    private static readonly MessagePackSerializerOptions s_options = new MessagePackSerializerOptions(MessagePackMessageResolver.Instance)
        .WithCompression(MessagePackCompression.Lz4BlockArray)
        .WithSecurity(MessagePackSecurity.UntrustedData.WithMaximumObjectGraphDepth(WireLimits.MaxNesting));

    private const int ShortMessageIdLength = 8;

    /// <summary>LZ4 turns a byte into at most about 255; a payload claiming more is a bomb, not data.</summary>
    private const int MaxExpansion = 256;

    // One set of options per decompression bound, bounds rounded up to powers of two: a handful at most.
    private static readonly ConcurrentDictionary<int, MessagePackSerializerOptions> s_boundedOptions = new();

    private MessagePackWireFormat()
    {
    }

    /// <summary>The one instance.</summary>
    internal static MessagePackWireFormat Instance { get; } = new();

    /// <inheritdoc />
    public override WireFormat Format => WireFormat.MessagePack;

    /// <summary>
    /// 8 random characters (48 bits) instead of 16: no TypeScript peer reads this format, and half the
    /// id is 8 bytes less in every packet, a sixth of a one-atom write.
    /// </summary>
    public override string NewPacketMessageId() => RandomNumberGenerator.GetString(IdAlphabet, ShortMessageIdLength);

    /// <inheritdoc />
    public override byte[] EncodeMessage(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return MessagePackSerializer.Serialize(message, s_options);
    }

    /// <inheritdoc />
    public override Message DecodeMessage(ReadOnlySpan<byte> payload) => DecodeMessage(payload, int.MaxValue);

    /// <inheritdoc />
    public override Message DecodeMessage(ReadOnlySpan<byte> payload, int maxMessageBytes)
    {
        if (payload.IsEmpty)
        {
            throw new WireFormatException("The message is empty.");
        }

        // The serializer reads memory, not spans; one copy is cheap next to decoding.
        var rented = ArrayPool<byte>.Shared.Rent(payload.Length);
        try
        {
            payload.CopyTo(rented);
            var options = OptionsBoundedTo(DecompressionBound(payload.Length, maxMessageBytes));
            var message = MessagePackSerializer.Deserialize<Message>(rented.AsMemory(0, payload.Length), options, out var bytesRead);
            if (bytesRead != payload.Length)
            {
                throw new WireFormatException($"There are {payload.Length - bytesRead} bytes of data after the message.");
            }

            return message;
        }
        catch (MessagePackSerializationException exception)
        {
            // Our formatter's own complaints arrive wrapped; surface them as they are.
            for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
            {
                if (inner is WireFormatException wireFormatException)
                {
                    throw new WireFormatException(wireFormatException.Message, exception);
                }
            }

            throw new WireFormatException($"The message is not valid MessagePack: {exception.InnerException?.Message ?? exception.Message}", exception);
        }
        catch (Exception exception) when (exception is EndOfStreamException or OverflowException or InvalidOperationException or ArgumentException)
        {
            throw new WireFormatException($"The message is not valid MessagePack: {exception.Message}", exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>How far a payload of <paramref name="length"/> bytes may decompress: what LZ4 can reach, at most <paramref name="maxMessageBytes"/>.</summary>
    private static int DecompressionBound(int length, int maxMessageBytes)
    {
        var reachable = (int)Math.Min(BitOperations.RoundUpToPowerOf2((uint)Math.Max(length, 1024)) * (long)MaxExpansion, int.MaxValue);
        return Math.Min(reachable, maxMessageBytes);
    }

    private static MessagePackSerializerOptions OptionsBoundedTo(int maxDecompressedBytes) =>
        s_boundedOptions.GetOrAdd(maxDecompressedBytes, static bound => s_options.WithSecurity(s_options.Security.WithMaximumDecompressedSize(bound)));

    /// <inheritdoc />
    public override IReadOnlyList<byte[]> EncodePackets(string to, string messageId, Message message, int fragmentSize)
    {
        CheckPacketId(to, nameof(to));
        CheckPacketId(messageId, nameof(messageId));
        CheckFragmentSize(fragmentSize);

        ArgumentNullException.ThrowIfNull(message);
        using var encoded = new PooledBuffer();
        MessagePackSerializer.Serialize(encoded, message, s_options);
        var payload = encoded.WrittenSpan;
        var total = Math.Max(1, (int)(((long)payload.Length + fragmentSize - 1) / fragmentSize));
        var packets = new byte[total][];
        using var buffer = new PooledBuffer();
        for (var index = 0; index < total; index++)
        {
            var start = (int)Math.Min((long)index * fragmentSize, payload.Length);
            var fragment = payload.Slice(start, Math.Min(fragmentSize, payload.Length - start));
            buffer.Clear();
            var writer = new MessagePackWriter(buffer);
            writer.WriteArrayHeader(5);
            writer.Write(to);
            writer.Write(messageId);
            writer.Write(index);
            writer.Write(total);
            writer.Write(fragment);
            writer.Flush();
            packets[index] = buffer.WrittenSpan.ToArray();
        }

        return packets;
    }

    /// <inheritdoc />
    public override bool TryParsePacket(ReadOnlyMemory<byte> packet, out Packet parsed)
    {
        parsed = default;
        try
        {
            var reader = new MessagePackReader(packet);
            if (reader.NextMessagePackType != MessagePackType.Array || reader.ReadArrayHeader() != 5
                || !TryReadId(ref reader, out var peer)
                || !TryReadId(ref reader, out var messageId)
                || !TryReadCount(ref reader, out var index)
                || !TryReadCount(ref reader, out var total)
                || total < 1 || index >= total
                || reader.NextMessagePackType != MessagePackType.Binary)
            {
                return false;
            }

            var fragment = reader.ReadBytes();
            if (fragment is null || !reader.End)
            {
                return false;
            }

            // The bin header precedes the data: the fragment is the tail of what was consumed.
            var length = (int)fragment.Value.Length;
            var end = (int)reader.Consumed;
            parsed = new Packet(peer, messageId, index, total, packet[(end - length)..end]);
            return true;
        }
        catch (Exception exception) when (exception is MessagePackSerializationException or EndOfStreamException or OverflowException
            or ArgumentOutOfRangeException) // the reader's answer to some hostile lengths
        {
            return false;
        }
    }

    /// <inheritdoc />
    public override byte[] WithPeer(ReadOnlySpan<byte> packet, string peer)
    {
        CheckPacketId(peer, nameof(peer));
        var rented = ArrayPool<byte>.Shared.Rent(packet.Length);
        try
        {
            packet.CopyTo(rented);
            var reader = new MessagePackReader(rented.AsMemory(0, packet.Length));
            int fieldEnd;
            int count;
            try
            {
                if (reader.End || reader.NextMessagePackType != MessagePackType.Array || (count = reader.ReadArrayHeader()) < 1
                    || reader.NextMessagePackType != MessagePackType.String)
                {
                    throw new WireFormatException("The packet has no leading peer field (it must be an array starting with a string).");
                }

                reader.ReadStringSequence();
                fieldEnd = (int)reader.Consumed;
            }
            catch (Exception exception) when (exception is MessagePackSerializationException or EndOfStreamException or ArgumentOutOfRangeException)
            {
                throw new WireFormatException("The packet has no leading peer field (it is not valid MessagePack).", exception);
            }

            using var buffer = new PooledBuffer(packet.Length + peer.Length + 16);
            var writer = new MessagePackWriter(buffer);
            writer.WriteArrayHeader(count);
            writer.Write(peer);
            writer.Flush();
            buffer.Write(packet[fieldEnd..]);
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool TryReadId(ref MessagePackReader reader, out string id)
    {
        id = reader.NextMessagePackType == MessagePackType.String ? reader.ReadString() ?? string.Empty : string.Empty;
        return id.Length > 0;
    }

    private static bool TryReadCount(ref MessagePackReader reader, out int count)
    {
        count = -1;
        if (reader.NextMessagePackType != MessagePackType.Integer)
        {
            return false;
        }

        var value = reader.ReadInt64(); // past long: OverflowException, caught by the caller
        if (value is < 0 or > int.MaxValue)
        {
            return false;
        }

        count = (int)value;
        return true;
    }
}
