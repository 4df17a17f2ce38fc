using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Synclets.Protocol;

namespace Synclets.Wire;

/// <summary>
/// Reads a message from JSON text, accepting anything <c>JSON.parse</c> would and the shapes of
/// protocol v1; everything else is a <see cref="WireFormatException"/>.
/// </summary>
internal static class JsonMessageReader
{
    private static readonly JsonReaderOptions s_options = new()
    {
        MaxDepth = WireLimits.MaxNesting,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>Decodes <paramref name="payload"/> (UTF-8 JSON) into a message.</summary>
    public static Message Read(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload, s_options);
        try
        {
            var message = ReadMessage(ref reader);
            if (reader.Read())
            {
                throw Malformed("There is data after the message array.");
            }

            return message;
        }
        catch (JsonException exception)
        {
            throw new WireFormatException($"The message is not valid JSON: {exception.Message}", exception);
        }
    }

    private static Message ReadMessage(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        Expect(ref reader, JsonTokenType.StartArray, "The message must be a JSON array [version, type, depth, address, node, context]");
        var version = ReadInt32(ref reader, "version");
        var type = ReadInt32(ref reader, "type");
        var depth = ReadInt32(ref reader, "depth");
        var address = ReadAddress(ref reader);
        Next(ref reader);
        var node = ReadNode(ref reader);
        var context = ReadContext(ref reader);
        Next(ref reader);
        Expect(ref reader, JsonTokenType.EndArray, "The message array must have exactly 6 elements");
        return new Message(depth, address, node, context) { Version = version, Type = type };
    }

    private static int ReadInt32(ref Utf8JsonReader reader, string what)
    {
        Next(ref reader);
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value))
        {
            throw Malformed($"The message's {what} must be a 32-bit integer; found {Describe(ref reader)}.");
        }

        return value;
    }

    private static Address ReadAddress(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        Expect(ref reader, JsonTokenType.StartArray, "The message's address must be an array of string ids");
        // Ids gather in a pooled array (the count is not known before the end), then move to one of
        // their own that the address takes over.
        var ids = ArrayPool<string>.Shared.Rent(8);
        var count = 0;
        try
        {
            while (true)
            {
                Next(ref reader);
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    break;
                }

                if (reader.TokenType != JsonTokenType.String)
                {
                    throw Malformed($"An address id must be a string; found {Describe(ref reader)}.");
                }

                if (count == ids.Length)
                {
                    var larger = ArrayPool<string>.Shared.Rent(count * 2);
                    ids.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<string>.Shared.Return(ids, clearArray: true);
                    ids = larger;
                }

                ids[count++] = ReadString(ref reader);
            }

            return count == 0 ? Address.Root : Address.FromOwnedIds(ids.AsSpan(0, count).ToArray());
        }
        finally
        {
            ArrayPool<string>.Shared.Return(ids, clearArray: true);
        }
    }

    /// <summary>Reads the node at the current token, classified by its JSON shape.</summary>
    private static MessageNode ReadNode(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new TimestampNode(ReadString(ref reader));
            case JsonTokenType.Number:
                return new HashNode(ReadHash(ref reader));
            case JsonTokenType.StartArray:
                Next(ref reader);
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    return ReadSubNodes(ref reader);
                }

                if (reader.TokenType == JsonTokenType.String)
                {
                    var timestamp = ReadString(ref reader);
                    Next(ref reader);
                    var atom = ReadAtom(ref reader, allowDeleted: true);
                    Next(ref reader);
                    Expect(ref reader, JsonTokenType.EndArray, "A [timestamp, atom] node must have exactly 2 elements");
                    return new TimestampAndAtomNode(timestamp, atom);
                }

                throw Malformed($"A node array must start with an object (sub-nodes) or a string (timestamp and atom); found {Describe(ref reader)}.");
            default:
                throw Malformed($"A node must be a string (timestamp), a number (hash) or an array; found {Describe(ref reader)}.");
        }
    }

    private static uint ReadHash(ref Utf8JsonReader reader)
    {
        if (reader.TryGetUInt32(out var hash))
        {
            return hash;
        }

        // Also accept integral spellings such as 1e3 or 5.0 that JSON.parse reads as integers.
        if (reader.TryGetDouble(out var number) && number >= 0 && number <= uint.MaxValue && number == Math.Floor(number))
        {
            return (uint)number;
        }

        throw Malformed($"A hash must be an integer from 0 to 4294967295; found {Describe(ref reader)}.");
    }

    /// <summary>Reads <c>[{id: node, …}]</c> or <c>[{…}, 1]</c>; the current token is the object's start.</summary>
    private static SubNodesNode ReadSubNodes(ref Utf8JsonReader reader)
    {
        var children = new Dictionary<string, MessageNode>();
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var id = ReadString(ref reader);
            Next(ref reader);
            children[id] = ReadNode(ref reader); // a repeated id keeps the last value, as JSON.parse does
        }

        Next(ref reader);
        var partial = false;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetInt32(out var flag) || flag is not (0 or 1))
            {
                throw Malformed($"The partial flag of a sub-nodes node must be 1 or 0; found {Describe(ref reader)}.");
            }

            partial = flag == 1;
            Next(ref reader);
        }

        Expect(ref reader, JsonTokenType.EndArray, "A sub-nodes node must be [{…}] or [{…}, 1]");
        return new SubNodesNode(children, partial);
    }

    private static IReadOnlyDictionary<string, Atom> ReadContext(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        Expect(ref reader, JsonTokenType.StartObject, "The message's context must be an object");
        Dictionary<string, Atom>? context = null;
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var key = ReadString(ref reader);
            Next(ref reader);
            context ??= [];
            context[key] = ReadAtom(ref reader, allowDeleted: false)!.Value;
        }

        return context ?? MessageContext.Empty;
    }

    /// <summary>Reads the atom at the current token; null means deleted (only where allowed).</summary>
    private static Atom? ReadAtom(ref Utf8JsonReader reader, bool allowDeleted)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return Atom.Null;
            case JsonTokenType.True:
                return Atom.FromBoolean(true);
            case JsonTokenType.False:
                return Atom.FromBoolean(false);
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var integer))
                {
                    return Atom.FromInteger(integer);
                }

                // The reader turns 1e400 into infinity, which no atom can hold.
                if (reader.TryGetDouble(out var number) && double.IsFinite(number))
                {
                    return Atom.FromDouble(number); // integral values within long range become integers
                }

                throw Malformed($"A number atom must be finite; found {Describe(ref reader)}.");
            case JsonTokenType.String:
                var text = ReadString(ref reader);
                return allowDeleted && text == WireLimits.DeletedAtomText ? (Atom?)null : Atom.FromString(text);
            default:
                throw Malformed($"An atom must be null, a boolean, a number or a string; found {Describe(ref reader)}.");
        }
    }

    /// <summary>
    /// The current string or property name. Unescaped here rather than by the reader, which refuses
    /// lone surrogates that JSON.stringify writes (as \udXXX) and JSON.parse accepts.
    /// </summary>
    private static string ReadString(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            if (!Utf8.IsValid(raw))
            {
                throw Malformed("A string is not valid UTF-8.");
            }

            return Encoding.UTF8.GetString(raw);
        }

        // Unescaping never lengthens: UTF-8 needs at least as many bytes as UTF-16 units, an escape more.
        char[]? rented = null;
        var chars = raw.Length <= 256 ? stackalloc char[raw.Length] : (rented = ArrayPool<char>.Shared.Rent(raw.Length));
        try
        {
            var length = Unescape(raw, chars);
            return PortableValues.IsWellFormed(chars[..length])
                ? new string(chars[..length])
                : throw Malformed("A string holds a lone surrogate (an unpaired \\ud800-\\udfff escape); no peer's store could hold it exactly.");
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static int Unescape(ReadOnlySpan<byte> raw, Span<char> chars)
    {
        var written = 0;
        while (!raw.IsEmpty)
        {
            var backslash = raw.IndexOf((byte)'\\');
            var run = backslash < 0 ? raw : raw[..backslash];
            if (Utf8.ToUtf16(run, chars[written..], out _, out var runChars, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                throw Malformed("A string is not valid UTF-8.");
            }

            written += runChars;
            if (backslash < 0)
            {
                break;
            }

            raw = raw[backslash..];
            if (raw.Length < 2)
            {
                throw Malformed("A string ends in the middle of an escape.");
            }

            var consumed = 2;
            chars[written++] = raw[1] switch
            {
                (byte)'"' => '"',
                (byte)'\\' => '\\',
                (byte)'/' => '/',
                (byte)'b' => '\b',
                (byte)'f' => '\f',
                (byte)'n' => '\n',
                (byte)'r' => '\r',
                (byte)'t' => '\t',
                (byte)'u' => ReadHexUnit(raw, out consumed),
                _ => throw Malformed("A string has an invalid escape."),
            };
            raw = raw[consumed..];
        }

        return written;
    }

    private static char ReadHexUnit(ReadOnlySpan<byte> escape, out int consumed)
    {
        if (escape.Length < 6)
        {
            throw Malformed("A string has a truncated \\u escape.");
        }

        var value = 0;
        for (var i = 2; i < 6; i++)
        {
            var digit = HexValue(escape[i]);
            if (digit < 0)
            {
                throw Malformed("A string has a \\u escape with a non-hexadecimal digit.");
            }

            value = (value << 4) | digit;
        }

        consumed = 6;
        return (char)value;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw Malformed("The message ends early.");
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string rule)
    {
        if (reader.TokenType != type)
        {
            throw Malformed($"{rule}; found {Describe(ref reader)}.");
        }
    }

    /// <summary>Names the current token for an error message, without echoing much hostile input.</summary>
    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => "the number " + Encoding.UTF8.GetString(reader.ValueSpan[..Math.Min(reader.ValueSpan.Length, 40)]),
        JsonTokenType.String or JsonTokenType.PropertyName => "a string",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.EndArray => "the end of an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.EndObject => "the end of an object",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => reader.TokenType.ToString(),
    };

    private static WireFormatException Malformed(string message) => new(message);
}
