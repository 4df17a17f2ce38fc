using System.Buffers;
using System.Text;
using System.Text.Json;
using Synclets.Wire;

namespace Synclets.Browser.Connectors.WebStorage;

/// <summary>
/// A whole tree as nested JSON objects, leaves as values, as the TypeScript Synclets' storage
/// connectors keep it: <c>{"todos":{"t1":{"title":"Buy milk"}}}</c> for data, timestamps for meta.
/// </summary>
internal static class TreeJson
{
    /// <summary>Turns a JSON value into a leaf; false when the value cannot be one.</summary>
    public delegate bool LeafReader<T>(JsonElement value, out T leaf);

    /// <summary>Writes the leaves (sorted by address) as nested objects; <paramref name="writeLeaf"/> writes each value.</summary>
    public static string Write<T>(IEnumerable<KeyValuePair<Address, T>> leaves, int depth, Action<Utf8JsonWriter, T> writeLeaf)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            Address open = Address.Root;
            foreach (var (address, leaf) in leaves.OrderBy(pair => pair.Key, AddressOrder.Instance))
            {
                // Close the objects this leaf is not in, open those it is in.
                var shared = 0;
                while (shared < open.Count && shared < depth - 1 && open[shared] == address[shared])
                {
                    shared++;
                }

                for (var i = open.Count; i > shared; i--)
                {
                    writer.WriteEndObject();
                }

                for (var i = shared; i < depth - 1; i++)
                {
                    writer.WriteStartObject(address[i]);
                }

                open = address.Take(depth - 1);
                writer.WritePropertyName(address.LastId);
                writeLeaf(writer, leaf);
            }

            for (var i = open.Count; i > 0; i--)
            {
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads nested objects of <paramref name="depth"/> levels; <paramref name="readLeaf"/> turns each value into a leaf.</summary>
    /// <exception cref="InvalidDataException">The text is not JSON, or not a tree of that depth (<paramref name="damaged"/> words the error).</exception>
    public static List<KeyValuePair<Address, T>> Read<T>(string text, int depth, LeafReader<T> readLeaf, Func<string, InvalidDataException> damaged)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException exception)
        {
            throw damaged($"it is not JSON ({exception.Message})");
        }

        using (document)
        {
            var leaves = new List<KeyValuePair<Address, T>>();
            Collect(document.RootElement, Address.Root);
            return leaves;

            void Collect(JsonElement node, Address address)
            {
                if (node.ValueKind != JsonValueKind.Object)
                {
                    throw damaged($"'{(address.IsRoot ? "(root)" : address.ToString())}' is a {node.ValueKind}, where an object of ids was expected");
                }

                foreach (var child in node.EnumerateObject())
                {
                    var childAddress = address.Append(child.Name);
                    if (childAddress.Count < depth)
                    {
                        Collect(child.Value, childAddress);
                    }
                    else if (readLeaf(child.Value, out var leaf))
                    {
                        leaves.Add(new(childAddress, leaf));
                    }
                    else
                    {
                        throw damaged($"'{childAddress}' holds {child.Value.ValueKind}, which is not a leaf value");
                    }
                }
            }
        }
    }

    /// <summary>Atoms as JSON values, the way <see cref="JsonText"/> writes them.</summary>
    public static void WriteAtom(Utf8JsonWriter writer, Atom atom) => writer.WriteRawValue(JsonText.Atom(atom), skipInputValidation: true);

    /// <summary>An atom from a JSON null, boolean, number or string; false for anything else.</summary>
    public static bool ReadAtom(JsonElement value, out Atom atom)
    {
        atom = default;
        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Undefined)
        {
            return false;
        }

        atom = JsonText.ParseAtom(value.GetRawText());
        return true;
    }

    /// <summary>A timestamp from a JSON string; false for anything else.</summary>
    public static bool ReadTimestamp(JsonElement value, out string timestamp)
    {
        timestamp = value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
        return value.ValueKind == JsonValueKind.String;
    }

    /// <summary>Ordinal order of addresses, id by id, so one parent's leaves come together.</summary>
    private sealed class AddressOrder : IComparer<Address>
    {
        public static readonly AddressOrder Instance = new();

        public int Compare(Address x, Address y)
        {
            for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
            {
                var order = string.CompareOrdinal(x[i], y[i]);
                if (order != 0)
                {
                    return order;
                }
            }

            return x.Count.CompareTo(y.Count);
        }
    }
}
