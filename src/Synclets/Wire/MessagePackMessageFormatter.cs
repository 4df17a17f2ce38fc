using MessagePack;
using MessagePack.Formatters;
using System.Text;
using System.Text.Unicode;
using Synclets.Protocol;

namespace Synclets.Wire;

/// <summary>
/// Writes and reads a message as the MessagePack array <c>[version, type, depth, [ids…], node, {context}]</c>.
/// Nodes: timestamp = str; hash = uint; <c>[str, atom]</c> = timestamp and atom, where a deleted atom is
/// ext type 0 with no data; sub-nodes = <c>[map]</c> or <c>[map, 1]</c>.
/// </summary>
internal sealed class MessagePackMessageFormatter : IMessagePackFormatter<Message>
{
    /// <summary>The ext type code of a deleted ("undefined") atom.</summary>
    public const sbyte DeletedAtomTypeCode = 0;

    private MessagePackMessageFormatter()
    {
    }

    public static MessagePackMessageFormatter Instance { get; } = new();

    /// <inheritdoc />
    public void Serialize(ref MessagePackWriter writer, Message value, MessagePackSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteArrayHeader(6);
        writer.Write(value.Version);
        writer.Write(value.Type);
        writer.Write(value.Depth);
        var ids = value.Address.AsSpan();
        writer.WriteArrayHeader(ids.Length);
        foreach (var id in ids)
        {
            writer.Write(id);
        }

        WriteNode(ref writer, value.Node);
        writer.WriteMapHeader(value.Context.Count);
        foreach (var (key, atom) in value.Context)
        {
            writer.Write(key);
            WriteAtom(ref writer, atom);
        }
    }

    /// <inheritdoc />
    public Message Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        EnterContainer(ref reader, options);
        var count = ReadArrayHeader(ref reader, "The message must be an array [version, type, depth, address, node, context]");
        if (count != 6)
        {
            throw Malformed($"The message array must have exactly 6 elements; found {count}.");
        }

        var version = ReadInt32(ref reader, "version");
        var type = ReadInt32(ref reader, "type");
        var depth = ReadInt32(ref reader, "depth");
        var address = ReadAddress(ref reader);
        var node = ReadNode(ref reader, options);
        var context = ReadContext(ref reader);
        reader.Depth--;
        return new Message(depth, address, node, context) { Version = version, Type = type };
    }

    private static void WriteNode(ref MessagePackWriter writer, MessageNode node)
    {
        switch (node)
        {
            case TimestampNode timestamp:
                writer.Write(timestamp.Timestamp);
                break;
            case HashNode hash:
                writer.Write(hash.Hash);
                break;
            case TimestampAndAtomNode leaf:
                writer.WriteArrayHeader(2);
                writer.Write(leaf.Timestamp);
                if (leaf.Atom is { } atom)
                {
                    WriteAtom(ref writer, atom);
                }
                else
                {
                    writer.WriteExtensionFormatHeader(new ExtensionHeader(DeletedAtomTypeCode, 0));
                }

                break;
            case SubNodesNode subNodes:
                writer.WriteArrayHeader(subNodes.IsPartial ? 2 : 1);
                writer.WriteMapHeader(subNodes.Children.Count);
                if (subNodes.Children is Dictionary<string, MessageNode> dictionary)
                {
                    // The struct enumerator: no allocation per sub-nodes map on the hot path.
                    foreach (var (id, child) in dictionary)
                    {
                        writer.Write(id);
                        WriteNode(ref writer, child);
                    }
                }
                else
                {
                    foreach (var (id, child) in subNodes.Children)
                    {
                        writer.Write(id);
                        WriteNode(ref writer, child);
                    }
                }

                if (subNodes.IsPartial)
                {
                    writer.Write(1);
                }

                break;
            default:
                throw new ArgumentException($"Unknown message node type {node?.GetType().Name ?? "null"}.", nameof(node));
        }
    }

    private static void WriteAtom(ref MessagePackWriter writer, Atom atom)
    {
        switch (atom.Kind)
        {
            case AtomKind.Null:
                writer.WriteNil();
                break;
            case AtomKind.Boolean:
                writer.Write(atom.AsBoolean());
                break;
            case AtomKind.Integer:
                writer.Write(atom.AsInteger());
                break;
            case AtomKind.Double:
                writer.Write(atom.AsDouble());
                break;
            default:
                writer.Write(atom.AsString());
                break;
        }
    }

    private static MessageNode ReadNode(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.String:
                return new TimestampNode(ReadString(ref reader, "A timestamp"));
            case MessagePackType.Integer:
                // Only uint64 can exceed long; every other integer encoding reads as long.
                return reader.NextCode == MessagePackCode.UInt64
                    ? ToHash(reader.ReadUInt64())
                    : ToHash(reader.ReadInt64());
            case MessagePackType.Array:
                EnterContainer(ref reader, options);
                var count = reader.ReadArrayHeader();
                MessageNode node = reader.NextMessagePackType switch
                {
                    MessagePackType.Map when count is 1 or 2 => ReadSubNodes(ref reader, count, options),
                    MessagePackType.String when count == 2 => ReadTimestampAndAtom(ref reader),
                    _ => throw Malformed(
                        $"A node array must be [map] or [map, 1] (sub-nodes) or [timestamp, atom]; found {count} elements starting with {Describe(ref reader)}."),
                };
                reader.Depth--;
                return node;
            default:
                throw Malformed($"A node must be a string (timestamp), an integer (hash) or an array; found {Describe(ref reader)}.");
        }
    }

    private static HashNode ToHash(long value) =>
        value is >= 0 and <= uint.MaxValue
            ? new HashNode((uint)value)
            : throw Malformed($"A hash must be an integer from 0 to 4294967295; found {value}.");

    private static HashNode ToHash(ulong value) =>
        value <= uint.MaxValue
            ? new HashNode((uint)value)
            : throw Malformed($"A hash must be an integer from 0 to 4294967295; found {value}.");

    private static TimestampAndAtomNode ReadTimestampAndAtom(ref MessagePackReader reader)
    {
        var timestamp = ReadString(ref reader, "A timestamp");
        if (reader.NextMessagePackType == MessagePackType.Extension)
        {
            var header = reader.ReadExtensionFormatHeader();
            if (header.TypeCode != DeletedAtomTypeCode || header.Length != 0)
            {
                throw Malformed($"The only extension allowed for an atom is type 0 with no data (deleted); found type {header.TypeCode} with {header.Length} bytes.");
            }

            return new TimestampAndAtomNode(timestamp, null);
        }

        return new TimestampAndAtomNode(timestamp, ReadAtom(ref reader));
    }

    private static SubNodesNode ReadSubNodes(ref MessagePackReader reader, int count, MessagePackSerializerOptions options)
    {
        EnterContainer(ref reader, options);
        var childCount = reader.ReadMapHeader();
        var children = new Dictionary<string, MessageNode>(childCount);
        for (var i = 0; i < childCount; i++)
        {
            var id = ReadString(ref reader, "A child id");
            children[id] = ReadNode(ref reader, options);
        }

        reader.Depth--;
        var partial = false;
        if (count == 2)
        {
            if (reader.NextMessagePackType != MessagePackType.Integer)
            {
                throw Malformed($"The partial flag of a sub-nodes node must be 1 or 0; found {Describe(ref reader)}.");
            }

            var flag = reader.ReadInt64();
            partial = flag switch
            {
                0 => false,
                1 => true,
                _ => throw Malformed($"The partial flag of a sub-nodes node must be 1 or 0; found {flag}."),
            };
        }

        return new SubNodesNode(children, partial);
    }

    private static Address ReadAddress(ref MessagePackReader reader)
    {
        var count = ReadArrayHeader(ref reader, "The message's address must be an array of string ids");
        if (count == 0)
        {
            return Address.Root;
        }

        var ids = new string[count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = ReadString(ref reader, "An address id");
        }

        return Address.FromOwnedIds(ids);
    }

    private static IReadOnlyDictionary<string, Atom> ReadContext(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            throw Malformed($"The message's context must be a map; found {Describe(ref reader)}.");
        }

        var count = reader.ReadMapHeader();
        if (count == 0)
        {
            return MessageContext.Empty;
        }

        var context = new Dictionary<string, Atom>(count);
        for (var i = 0; i < count; i++)
        {
            var key = ReadString(ref reader, "A context key");
            context[key] = ReadAtom(ref reader);
        }

        return context;
    }

    private static Atom ReadAtom(ref MessagePackReader reader)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return Atom.Null;
            case MessagePackType.Boolean:
                return Atom.FromBoolean(reader.ReadBoolean());
            case MessagePackType.Integer:
                if (reader.NextCode == MessagePackCode.UInt64)
                {
                    var unsigned = reader.ReadUInt64();
                    return unsigned <= long.MaxValue ? Atom.FromInteger((long)unsigned) : Atom.FromDouble(unsigned);
                }

                return Atom.FromInteger(reader.ReadInt64());
            case MessagePackType.Float:
                var number = reader.ReadDouble();
                return double.IsFinite(number)
                    ? Atom.FromDouble(number) // an integral float64 becomes an integer, as in JSON
                    : throw Malformed($"A number atom must be finite; found {number}.");
            case MessagePackType.String:
                return Atom.FromString(ReadString(ref reader, "A string atom"));
            default:
                throw Malformed($"An atom must be nil, a boolean, a number or a string; found {Describe(ref reader)}.");
        }
    }

    private static int ReadInt32(ref MessagePackReader reader, string what)
    {
        if (reader.NextMessagePackType != MessagePackType.Integer)
        {
            throw Malformed($"The message's {what} must be a 32-bit integer; found {Describe(ref reader)}.");
        }

        var value = reader.ReadInt64();
        return value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw Malformed($"The message's {what} must be a 32-bit integer; found {value}.");
    }

    private static int ReadArrayHeader(ref MessagePackReader reader, string rule) =>
        reader.NextMessagePackType == MessagePackType.Array
            ? reader.ReadArrayHeader()
            : throw Malformed($"{rule}; found {Describe(ref reader)}.");

    /// <summary>
    /// Reads a string, refusing invalid UTF-8 rather than replacing it with U+FFFD as MessagePack
    /// does: replaced, two distinct ids would become one.
    /// </summary>
    private static string ReadString(ref MessagePackReader reader, string what)
    {
        if (reader.NextMessagePackType != MessagePackType.String)
        {
            throw Malformed($"{what} must be a string; found {Describe(ref reader)}.");
        }

        // Payloads are decoded from one contiguous buffer, so the string is always one span.
        var bytes = reader.TryReadStringSpan(out var span) ? span : System.Buffers.BuffersExtensions.ToArray(reader.ReadStringSequence()!.Value);
        return Utf8.IsValid(bytes)
            ? Encoding.UTF8.GetString(bytes)
            : throw Malformed($"{what} is not valid UTF-8.");
    }

    /// <summary>Counts one level of nesting, throwing past the bound so hostile input cannot overflow the stack.</summary>
    private static void EnterContainer(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.Depth >= WireLimits.MaxNesting)
        {
            throw Malformed($"The message nests deeper than {WireLimits.MaxNesting} levels.");
        }

        options.Security.DepthStep(ref reader);
    }

    private static string Describe(ref MessagePackReader reader) =>
        reader.End ? "the end of the data" : reader.NextMessagePackType switch
        {
            MessagePackType.Integer => "an integer",
            MessagePackType.Nil => "nil",
            MessagePackType.Boolean => "a boolean",
            MessagePackType.Float => "a float",
            MessagePackType.String => "a string",
            MessagePackType.Binary => "binary data",
            MessagePackType.Array => "an array",
            MessagePackType.Map => "a map",
            MessagePackType.Extension => "an extension",
            _ => $"the invalid code 0x{reader.NextCode:x2}",
        };

    private static WireFormatException Malformed(string message) => new(message);
}
