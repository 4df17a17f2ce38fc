using System.Text.Json;

namespace Synclets.Tests.Support;

/// <summary>The golden values produced by the TypeScript Synclets (Vectors/protocol-v1.json).</summary>
internal static class Vectors
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "protocol-v1.json"))).RootElement);

    public static JsonElement Get(string name) => Root.Value.GetProperty(name);

    public static IEnumerable<object[]> Rows(string name) => Get(name).EnumerateArray().Select(row => new object[] { row.GetRawText() });
}
