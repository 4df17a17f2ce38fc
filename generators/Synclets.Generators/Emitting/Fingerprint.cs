using System.Globalization;
using System.Text;
using Synclets.Generators.Model;

namespace Synclets.Generators.Emitting;

/// <summary>
/// A short hash of a record's table name, columns and types, computed at generation time so that
/// stores can tell when a table's shape changed. FNV-1a, like the engine's hashes: stable across
/// processes and platforms, unlike string.GetHashCode.
/// </summary>
internal static class Fingerprint
{
    public static string Of(RecordModel record)
    {
        var text = new StringBuilder(record.TableName);
        foreach (var key in record.Keys)
        {
            Append(text, "key", key);
        }

        foreach (var value in record.Values)
        {
            Append(text, "value", value);
        }

        var hash = 0x811c9dc5u;
        foreach (var b in Encoding.UTF8.GetBytes(text.ToString()))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }

    private static void Append(StringBuilder text, string role, ColumnModel column) =>
        text.Append('\n').Append(role).Append('\t').Append(column.ColumnName).Append('\t')
            .Append(Conversions.ColumnType(column.Kind)).Append('\t').Append(column.IsNullable ? "null" : "required");
}
