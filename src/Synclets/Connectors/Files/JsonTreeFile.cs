using System.Globalization;
using System.Text.Json;
using Synclets.Wire;

namespace Synclets.Connectors.Files;

/// <summary>
/// A whole tree in one JSON file, laid out as the TypeScript Synclets' file connectors lay it out:
/// nested objects, one level per id, the leaves atoms (data) or timestamp strings (meta); deleted
/// atoms are absent from data and keep their timestamp in meta. An empty file is an empty tree
/// (the TypeScript connector creates one so).
/// </summary>
internal static class JsonTreeFile
{
    /// <summary>Reads a leaf from a JSON value; false when the value is not a leaf of the file's kind.</summary>
    public delegate bool LeafReader<TLeaf>(JsonElement value, out TLeaf leaf);

    /// <summary>Reads every leaf, or throws <see cref="InvalidDataException"/> naming the file and what is wrong with it.</summary>
    public static List<KeyValuePair<Address, TLeaf>> Read<TLeaf>(string path, int depth, LeafReader<TLeaf> readLeaf, string leafKind)
    {
        var leaves = new List<KeyValuePair<Address, TLeaf>>();
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0)
        {
            return leaves;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = depth + 2 });
        }
        catch (JsonException exception)
        {
            throw Damaged(path, $"it is not JSON ({exception.Message})");
        }

        using (document)
        {
            Walk(path, document.RootElement, [], depth, readLeaf, leafKind, leaves);
        }

        return leaves;
    }

    /// <summary>Writes the tree whose children <paramref name="childIds"/> and leaves <paramref name="leavesOf"/> give, atomically.</summary>
    public static Task WriteAsync<TLeaf>(
        string path,
        int depth,
        Func<Address, IReadOnlyList<string>> childIds,
        Func<Address, IReadOnlyDictionary<string, TLeaf>> leavesOf,
        Action<Utf8JsonWriter, TLeaf> writeLeaf,
        CancellationToken cancellationToken) =>
        AtomicFile.ReplaceAsync(path, async stream =>
        {
            await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
            WriteNode(json, Address.Root, depth, childIds, leavesOf, writeLeaf);
            await json.FlushAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Writes an atom as JavaScript would (numbers as <c>JSON.stringify</c> formats them).</summary>
    public static void WriteAtom(Utf8JsonWriter json, Atom atom)
    {
        switch (atom.Kind)
        {
            case AtomKind.Null:
                json.WriteNullValue();
                break;
            case AtomKind.Boolean:
                json.WriteBooleanValue(atom.AsBoolean());
                break;
            case AtomKind.Integer:
                json.WriteNumberValue(atom.AsInteger());
                break;
            case AtomKind.Double:
                Span<byte> number = stackalloc byte[JsNumberFormatter.MaxLength];
                json.WriteRawValue(number[..JsNumberFormatter.Format(atom.AsDouble(), number)], skipInputValidation: true);
                break;
            default:
                json.WriteStringValue(atom.AsString());
                break;
        }
    }

    /// <summary>An atom from a JSON value; false when the value is no atom (an object, an array).</summary>
    public static bool TryReadAtom(JsonElement value, out Atom atom)
    {
        Atom? read = value.ValueKind switch
        {
            JsonValueKind.Null => Atom.Null,
            JsonValueKind.True => Atom.FromBoolean(true),
            JsonValueKind.False => Atom.FromBoolean(false),
            JsonValueKind.Number when value.TryGetInt64(out var integer) => Atom.FromInteger(integer),
            JsonValueKind.Number when value.TryGetDouble(out var number) && double.IsFinite(number) => Atom.FromDouble(number),
            JsonValueKind.String => Atom.FromString(value.GetString()!),
            _ => (Atom?)null,
        };
        atom = read ?? default;
        return read is not null;
    }

    /// <summary>A timestamp from a JSON value; false when it is not a 16-character string.</summary>
    public static bool TryReadTimestamp(JsonElement value, out string timestamp)
    {
        timestamp = value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
        return timestamp.Length == 16;
    }

    private static void Walk<TLeaf>(string path, JsonElement node, List<string> at, int depth, LeafReader<TLeaf> readLeaf, string leafKind, List<KeyValuePair<Address, TLeaf>> leaves)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            throw Damaged(path, $"{Where(at)} should be an object of ids, one level of a tree of depth {depth}, but is {Describe(node)}");
        }

        foreach (var child in node.EnumerateObject())
        {
            at.Add(child.Name);
            if (at.Count == depth)
            {
                if (!readLeaf(child.Value, out var leaf))
                {
                    throw Damaged(path, $"{Where(at)} should be {leafKind} (the file would be a tree of depth {depth}), but is {Describe(child.Value)}");
                }

                leaves.Add(new(new Address(at), leaf));
            }
            else
            {
                Walk(path, child.Value, at, depth, readLeaf, leafKind, leaves);
            }

            at.RemoveAt(at.Count - 1);
        }
    }

    private static void WriteNode<TLeaf>(
        Utf8JsonWriter json,
        Address address,
        int depth,
        Func<Address, IReadOnlyList<string>> childIds,
        Func<Address, IReadOnlyDictionary<string, TLeaf>> leavesOf,
        Action<Utf8JsonWriter, TLeaf> writeLeaf)
    {
        json.WriteStartObject();
        if (address.Count == depth - 1)
        {
            foreach (var (id, leaf) in leavesOf(address))
            {
                json.WritePropertyName(id);
                writeLeaf(json, leaf);
            }
        }
        else
        {
            foreach (var id in childIds(address))
            {
                json.WritePropertyName(id);
                WriteNode(json, address.Append(id), depth, childIds, leavesOf, writeLeaf);
            }
        }

        json.WriteEndObject();
    }

    private static string Where(List<string> at) => at.Count == 0 ? "the top level" : $"'{string.Join('/', at)}'";

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Shorten(value.GetString()!)}\"",
        _ => value.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static InvalidDataException Damaged(string path, string problem) =>
        new($"'{Path.GetFullPath(path)}' cannot be read as a Synclets tree file: {problem}. It is left as it is.");
}
