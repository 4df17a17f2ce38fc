using System.Buffers;
using System.Globalization;
using System.Text;
using Synclets.Protocol;

namespace Synclets.Wire;

/// <summary>
/// Writes a message as the JSON text the TypeScript peers' <c>JSON.stringify</c> produces, plus the
/// extra escapes our packets need (a space, U+2028, U+2029). Hand-written because
/// <c>Utf8JsonWriter</c> escapes differently and the text must match byte for byte.
/// </summary>
internal static class JsonMessageWriter
{
    // Printable ASCII that JSON.stringify leaves alone (DEL included); everything else takes a look.
    private static readonly SearchValues<char> s_plainAscii = SearchValues.Create(
        "!#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~\u007f");

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <summary>Appends the JSON text of <paramref name="message"/> to <paramref name="buffer"/>.</summary>
    public static void Write(PooledBuffer buffer, Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        buffer.Write((byte)'[');
        WriteInteger(buffer, message.Version);
        buffer.Write((byte)',');
        WriteInteger(buffer, message.Type);
        buffer.Write((byte)',');
        WriteInteger(buffer, message.Depth);
        buffer.Write(",["u8);
        var ids = message.Address.AsSpan();
        for (var i = 0; i < ids.Length; i++)
        {
            if (i > 0)
            {
                buffer.Write((byte)',');
            }

            WriteString(buffer, ids[i]);
        }

        buffer.Write("],"u8);
        WriteNode(buffer, message.Node);
        buffer.Write((byte)',');
        WriteContext(buffer, message.Context);
        buffer.Write((byte)']');
    }

    private static void WriteNode(PooledBuffer buffer, MessageNode node)
    {
        switch (node)
        {
            case TimestampNode timestamp:
                WriteString(buffer, timestamp.Timestamp);
                break;
            case HashNode hash:
                WriteInteger(buffer, hash.Hash);
                break;
            case TimestampAndAtomNode leaf:
                buffer.Write((byte)'[');
                WriteString(buffer, leaf.Timestamp);
                buffer.Write((byte)',');
                if (leaf.Atom is { } atom)
                {
                    WriteAtom(buffer, atom);
                }
                else
                {
                    WriteString(buffer, WireLimits.DeletedAtomText);
                }

                buffer.Write((byte)']');
                break;
            case SubNodesNode subNodes:
                buffer.Write((byte)'[');
                WriteChildren(buffer, subNodes.Children);
                buffer.Write(subNodes.IsPartial ? ",1]"u8 : "]"u8);
                break;
            default:
                throw new ArgumentException($"Unknown message node type {node?.GetType().Name ?? "null"}.", nameof(node));
        }
    }

    private static void WriteChildren(PooledBuffer buffer, IReadOnlyDictionary<string, MessageNode> children)
    {
        buffer.Write((byte)'{');
        var first = true;
        if (children is Dictionary<string, MessageNode> dictionary)
        {
            // The struct enumerator: no allocation per sub-nodes object on the hot path.
            foreach (var (id, child) in dictionary)
            {
                WriteMember(buffer, ref first, id);
                WriteNode(buffer, child);
            }
        }
        else
        {
            foreach (var (id, child) in children)
            {
                WriteMember(buffer, ref first, id);
                WriteNode(buffer, child);
            }
        }

        buffer.Write((byte)'}');
    }

    private static void WriteContext(PooledBuffer buffer, IReadOnlyDictionary<string, Atom> context)
    {
        buffer.Write((byte)'{');
        var first = true;
        foreach (var (key, atom) in context)
        {
            WriteMember(buffer, ref first, key);
            WriteAtom(buffer, atom);
        }

        buffer.Write((byte)'}');
    }

    private static void WriteMember(PooledBuffer buffer, ref bool first, string name)
    {
        if (!first)
        {
            buffer.Write((byte)',');
        }

        first = false;
        WriteString(buffer, name);
        buffer.Write((byte)':');
    }

    private static void WriteAtom(PooledBuffer buffer, Atom atom)
    {
        switch (atom.Kind)
        {
            case AtomKind.Null:
                buffer.Write("null"u8);
                break;
            case AtomKind.Boolean:
                buffer.Write(atom.AsBoolean() ? "true"u8 : "false"u8);
                break;
            case AtomKind.Integer:
                WriteInteger(buffer, atom.AsInteger());
                break;
            case AtomKind.Double:
                var span = buffer.GetSpan(JsNumberFormatter.MaxLength);
                buffer.Advance(JsNumberFormatter.Format(atom.AsDouble(), span));
                break;
            default:
                WriteString(buffer, atom.AsString());
                break;
        }
    }

    private static void WriteInteger(PooledBuffer buffer, long value)
    {
        var span = buffer.GetSpan(20);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        buffer.Advance(written);
    }

    /// <summary>Writes a quoted JSON string, escaping as <c>JSON.stringify</c> does plus space, U+2028, U+2029.</summary>
    internal static void WriteString(PooledBuffer buffer, string value)
    {
        if (value.Length > (Array.MaxLength - 2) / 6)
        {
            throw new ArgumentException($"A string of {value.Length} characters is too long to encode in one message.", nameof(value));
        }

        // Worst case: every UTF-16 unit becomes a six-byte \uXXXX escape.
        var span = buffer.GetSpan((value.Length * 6) + 2);
        var at = 0;
        span[at++] = (byte)'"';
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            var plain = rest.IndexOfAnyExcept(s_plainAscii);
            if (plain < 0)
            {
                plain = rest.Length;
            }

            if (plain > 0)
            {
                at += Encoding.ASCII.GetBytes(rest[..plain], span[at..]);
                rest = rest[plain..];
                if (rest.IsEmpty)
                {
                    break;
                }
            }

            var c = rest[0];
            var consumed = 1;
            switch (c)
            {
                case '"':
                    at = WriteEscape(span, at, (byte)'"');
                    break;
                case '\\':
                    at = WriteEscape(span, at, (byte)'\\');
                    break;
                case '\b':
                    at = WriteEscape(span, at, (byte)'b');
                    break;
                case '\f':
                    at = WriteEscape(span, at, (byte)'f');
                    break;
                case '\n':
                    at = WriteEscape(span, at, (byte)'n');
                    break;
                case '\r':
                    at = WriteEscape(span, at, (byte)'r');
                    break;
                case '\t':
                    at = WriteEscape(span, at, (byte)'t');
                    break;
                case <= ' ' or '\u2028' or '\u2029':
                    // Control characters as JSON.stringify does; space and the line separators because
                    // the TypeScript packet parser and fragmenter mishandle them raw.
                    at = WriteUnicodeEscape(span, at, c);
                    break;
                default:
                    if (char.IsHighSurrogate(c) && rest.Length > 1 && char.IsLowSurrogate(rest[1]))
                    {
                        consumed = 2;
                        at += Encoding.UTF8.GetBytes(rest[..2], span[at..]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        at = WriteUnicodeEscape(span, at, c); // a lone surrogate, as JSON.stringify writes it
                    }
                    else
                    {
                        at += Encoding.UTF8.GetBytes(rest[..1], span[at..]);
                    }

                    break;
            }

            rest = rest[consumed..];
        }

        span[at++] = (byte)'"';
        buffer.Advance(at);
    }

    private static int WriteEscape(Span<byte> span, int at, byte escaped)
    {
        span[at] = (byte)'\\';
        span[at + 1] = escaped;
        return at + 2;
    }

    private static int WriteUnicodeEscape(Span<byte> span, int at, char c)
    {
        span[at] = (byte)'\\';
        span[at + 1] = (byte)'u';
        span[at + 2] = HexDigits[c >> 12];
        span[at + 3] = HexDigits[(c >> 8) & 0xF];
        span[at + 4] = HexDigits[(c >> 4) & 0xF];
        span[at + 5] = HexDigits[c & 0xF];
        return at + 6;
    }
}
