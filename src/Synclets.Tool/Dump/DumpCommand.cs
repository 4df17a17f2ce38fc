using System.Text.Json;
using Synclets.Tool.Stores;

namespace Synclets.Tool.Dump;

/// <summary><c>synclets dump STORE</c>: the data tree (or the subtree at --address) as JSON, atoms as the store keeps them.</summary>
internal static class DumpCommand
{
    public static async Task<int> RunAsync(string store, string? meta, string? address, string? scope, string format, Stream output, CancellationToken cancellationToken)
    {
        if (format != "json")
        {
            throw new ToolException($"--format {format} is not known; the one format is json.");
        }

        await using var reader = await StoreReader.OpenAsync(store, meta, cancellationToken);
        var prefix = string.IsNullOrEmpty(address) ? [] : address.Split('/');
        var chosen = await reader.ChooseScopeAsync(scope, cancellationToken);
        var leaves = (await reader.LeavesAsync(chosen, prefix, cancellationToken)).Where(leaf => leaf.AtomJson is not null).ToList();
        if (prefix.Length == reader.Depth)
        {
            await output.WriteAsync(System.Text.Encoding.UTF8.GetBytes((leaves.SingleOrDefault()?.AtomJson ?? "null") + Environment.NewLine), cancellationToken);
            return 0;
        }

        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        try
        {
            WriteNode(writer, leaves, prefix.Length, 0, leaves.Count);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            // Written by other code, or damaged: an atom that is not JSON, or an id JSON cannot hold.
            throw new ToolException($"{reader.Name} holds a value the dump cannot write as JSON: {exception.Message}", exception);
        }

        await writer.FlushAsync(cancellationToken);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
        return 0;
    }

    /// <summary>Writes leaves[from..to) (all sharing ids before <paramref name="level"/>) as nested objects.</summary>
    private static void WriteNode(Utf8JsonWriter writer, List<StoreLeaf> leaves, int level, int from, int to)
    {
        writer.WriteStartObject();
        var at = from;
        while (at < to)
        {
            var id = leaves[at].Ids[level];
            var end = at;
            while (end < to && leaves[end].Ids[level] == id)
            {
                end++;
            }

            writer.WritePropertyName(id);
            if (level == leaves[at].Ids.Length - 1)
            {
                writer.WriteRawValue(leaves[at].AtomJson!);
            }
            else
            {
                WriteNode(writer, leaves, level + 1, at, end);
            }

            at = end;
        }

        writer.WriteEndObject();
    }
}
