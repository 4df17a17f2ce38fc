using System.Security.Cryptography;
using Synclets.Protocol;

namespace Synclets.Wire;

/// <summary>
/// Encodes messages and packets in one <see cref="WireFormat"/>. Instances are stateless and
/// thread-safe; get one with <see cref="For"/>.
/// </summary>
public abstract class WireCodec
{
    /// <summary>The characters of message ids (the HLC alphabet).</summary>
    internal const string IdAlphabet = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    /// <summary>The length of a message id.</summary>
    internal const int MessageIdLength = 16;

    private protected WireCodec()
    {
    }

    /// <summary>The format this codec reads and writes.</summary>
    public abstract WireFormat Format { get; }

    /// <summary>The codec of <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The format is not a known <see cref="WireFormat"/>.</exception>
    public static WireCodec For(WireFormat format) => format switch
    {
        WireFormat.MessagePack => MessagePackWireFormat.Instance,
        WireFormat.Json => JsonWireFormat.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown wire format; use WireFormat.MessagePack or WireFormat.Json."),
    };

    /// <summary>A new random message id: 16 characters of the HLC alphabet.</summary>
    public static string NewMessageId() => RandomNumberGenerator.GetString(IdAlphabet, MessageIdLength);

    /// <summary>
    /// A new id for the packets of one outgoing message. It only has to tell apart the messages of
    /// one sender still being reassembled; JSON mode uses the 16 characters the TypeScript peers do.
    /// </summary>
    public virtual string NewPacketMessageId() => NewMessageId();

    /// <summary>Encodes a whole message.</summary>
    /// <param name="message">The message to encode.</param>
    /// <returns>The payload that <see cref="DecodeMessage(ReadOnlySpan{byte})"/> reads back (in JSON mode, UTF-8 text).</returns>
    public abstract byte[] EncodeMessage(Message message);

    /// <summary>
    /// Decodes a whole message. Version, type and depth are read as they are, not checked: the engine
    /// judges (and counts) them.
    /// </summary>
    /// <param name="payload">A payload produced by <see cref="EncodeMessage"/> or a peer.</param>
    /// <exception cref="WireFormatException">The payload is not a well-formed message.</exception>
    public abstract Message DecodeMessage(ReadOnlySpan<byte> payload);

    /// <summary>
    /// Decodes a whole message that may expand (decompress) to at most <paramref name="maxMessageBytes"/>:
    /// a receiver's bound, so a small hostile payload cannot claim a large allocation.
    /// </summary>
    /// <param name="payload">A payload produced by <see cref="EncodeMessage"/> or a peer.</param>
    /// <param name="maxMessageBytes">The largest the decoded form may be, in bytes.</param>
    /// <exception cref="WireFormatException">The payload is not a well-formed message, or expands past the bound.</exception>
    public virtual Message DecodeMessage(ReadOnlySpan<byte> payload, int maxMessageBytes) => DecodeMessage(payload);

    /// <summary>Encodes a message as one or more packets of at most <paramref name="fragmentSize"/> each.</summary>
    /// <param name="to">The addressee: a peer id, or <c>*</c> for all.</param>
    /// <param name="messageId">The message id, usually from <see cref="NewMessageId"/>.</param>
    /// <param name="message">The message.</param>
    /// <param name="fragmentSize">
    /// The largest fragment: UTF-16 code units of the JSON text in JSON mode, bytes in MessagePack mode.
    /// </param>
    /// <returns>The packets in order; at least one.</returns>
    /// <exception cref="ArgumentException">An id is empty or cannot travel in this format.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fragmentSize"/> is less than 1.</exception>
    public abstract IReadOnlyList<byte[]> EncodePackets(string to, string messageId, Message message, int fragmentSize);

    /// <summary>Parses a packet. Never throws: malformed input gives false.</summary>
    /// <param name="packet">The received bytes.</param>
    /// <param name="parsed">The packet; its fragment is a slice of <paramref name="packet"/>, not a copy.</param>
    /// <returns>Whether the packet is well-formed.</returns>
    public abstract bool TryParsePacket(ReadOnlyMemory<byte> packet, out Packet parsed);

    /// <summary>
    /// A copy of <paramref name="packet"/> whose leading field is <paramref name="peer"/>: how a broker
    /// or pool turns "to" into "from". The rest of the packet is copied unchecked.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="peer"/> is empty or cannot travel in this format.</exception>
    /// <exception cref="WireFormatException">The packet has no leading field.</exception>
    public abstract byte[] WithPeer(ReadOnlySpan<byte> packet, string peer);

    /// <summary>Throws unless <paramref name="fragmentSize"/> can carry anything.</summary>
    private protected static void CheckFragmentSize(int fragmentSize) =>
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fragmentSize);

    /// <summary>Throws unless <paramref name="value"/> is a usable packet id (peer or message id).</summary>
    private protected static void CheckPacketId(string value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.Length == 0)
        {
            throw new ArgumentException("A packet's peer and message ids must not be empty.", paramName);
        }
    }
}
