using System.Globalization;
using System.Text;

namespace Synclets.Wire;

/// <summary>
/// The JSON text stores keep (the relational layouts, the browser stores): an address as a JSON array of its ids (the
/// canonical key of an interior node's hash) and an atom as a JSON value. Strings are escaped as JavaScript's
/// <c>JSON.stringify</c> escapes them, so the text is the same whichever Synclets wrote it.
/// </summary>
internal static class JsonText
{
    /// <summary>The canonical key of an address, e.g. <c>["todos","t1","title"]</c>; the root is <c>[]</c>.</summary>
    public static string Address(Address address) => Address(address.AsSpan());

    /// <summary>The canonical key of the first ids of an address.</summary>
    public static string Address(ReadOnlySpan<string> ids)
    {
        var builder = new StringBuilder(2 + (ids.Length * 12));
        builder.Append('[');
        for (var i = 0; i < ids.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            AppendString(builder, ids[i]);
        }

        return builder.Append(']').ToString();
    }

    /// <summary>A string as a JSON string literal.</summary>
    public static string String(string value) => AppendString(new StringBuilder(value.Length + 2), value).ToString();

    /// <summary>An atom as JSON: <c>null</c>, <c>true</c>, a number or a string.</summary>
    public static string Atom(Atom atom) => atom.Kind switch
    {
        AtomKind.Null => "null",
        AtomKind.Boolean => atom.AsBoolean() ? "true" : "false",
        AtomKind.Integer => atom.AsInteger().ToString(CultureInfo.InvariantCulture),
        AtomKind.Double => JavaScriptNumber(atom.AsDouble()),
        _ => String(atom.AsString()),
    };

    /// <summary>A double as JavaScript writes it (<c>1e+21</c>, <c>1e-7</c>): the wire's formatter, so the text is the same whichever Synclets wrote it.</summary>
    private static string JavaScriptNumber(double value)
    {
        Span<byte> text = stackalloc byte[JsNumberFormatter.MaxLength];
        var length = JsNumberFormatter.Format(value, text);
        return Encoding.ASCII.GetString(text[..length]);
    }

    /// <summary>Reads an atom written by <see cref="Atom(Synclets.Atom)"/> (or by any JSON writer).</summary>
    /// <exception cref="FormatException">The text is not a JSON null, boolean, number or string.</exception>
    public static Atom ParseAtom(string json)
    {
        var text = json.AsSpan().Trim();
        switch (text)
        {
            case "null":
                return Synclets.Atom.Null;
            case "true":
                return true;
            case "false":
                return false;
        }

        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            return ParseString(text[1..^1]);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            // JSON has one number type: an integral value reads back as an integer atom (they are equal atoms).
            return number == Math.Floor(number) && Math.Abs(number) < 9.2e18 ? (long)number : number;
        }

        throw new FormatException($"'{json}' is not a stored atom (JSON null, boolean, number or string).");
    }

    private static StringBuilder AppendString(StringBuilder builder, string value)
    {
        builder.Append('"');
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            string? escape = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => $"\\u{(int)c:x4}",
                _ when char.IsSurrogate(c) && !IsPairedSurrogate(value, i) => $"\\u{(int)c:x4}",
                _ => null,
            };
            if (escape is not null)
            {
                builder.Append(value, start, i - start).Append(escape);
                start = i + 1;
            }
        }

        return builder.Append(value, start, value.Length - start).Append('"');
    }

    private static bool IsPairedSurrogate(string value, int index) =>
        char.IsHighSurrogate(value[index])
            ? index + 1 < value.Length && char.IsLowSurrogate(value[index + 1])
            : index > 0 && char.IsHighSurrogate(value[index - 1]);

    private static string ParseString(ReadOnlySpan<char> body)
    {
        if (body.IndexOf('\\') < 0)
        {
            return body.ToString();
        }

        var builder = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\')
            {
                builder.Append(body[i]);
                continue;
            }

            var next = body[++i];
            switch (next)
            {
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    builder.Append((char)int.Parse(body.Slice(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: builder.Append(next); break;
            }
        }

        return builder.ToString();
    }
}
