using System.Linq;
using Synclets.Generators.Model;

namespace Synclets.Generators.Emitting;

/// <summary>
/// Emits <c>{Record}SyncletTableExtensions</c>: typed members on every <c>SyncletTable&lt;Record&gt;</c>
/// (key parameters instead of id lists, one getter, setter and conflict reader per column,
/// column-name constants), so a table synclet and a schema's tables share them.
/// </summary>
internal static class TableExtensionsEmitter
{
    private const string Task = "global::System.Threading.Tasks.Task";
    private const string Token = "global::System.Threading.CancellationToken cancellationToken = default";

    public static void Emit(SourceWriter writer, RecordModel record)
    {
        var type = record.Type.FullyQualifiedName;
        var table = $"this global::Synclets.Typed.SyncletTable<{type}> table";
        var keyParameters = record.Keys.Select(key => (Key: key, Name: Identifiers.Parameter(key.PropertyName, "table", "value", "row", "cancellationToken"))).ToList();
        var keysDeclared = string.Concat(keyParameters.Select(key => $", {key.Key.TypeName} {key.Name}"));
        var keysPassed = string.Join(", ", keyParameters.Select(key => key.Name));
        var map = record.Type.Sibling(record.MapName) + ".";
        var rows = record.Keys.IsEmpty ? $"the <see cref=\"{type}\"/> values" : $"the <see cref=\"{type}\"/> row with these keys";

        writer.Summary($"Typed members for tables of <see cref=\"{type}\"/>.");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.OpenBlock($"{record.Type.Accessibility} static partial class {record.ExtensionsName}");
        WriteColumns(writer, record);

        writer.Summary($"The address of {rows}.");
        writer.WriteLine($"public static global::Synclets.Address AddressOf({table}{keysDeclared}) =>");
        Indented(writer, $"Checked(table).RowAddress(KeyIds({keysPassed}));");
        writer.Summary($"Reads {rows}; null when it has no atoms.");
        writer.WriteLine($"public static {Task}<{type}?> GetAsync({table}{keysDeclared}, {Token}) =>");
        Indented(writer, $"Checked(table).GetRowAsync(KeyIds({keysPassed}), cancellationToken);");
        writer.Summary("Writes a row; only the columns whose value changed get a new timestamp and are synced.");
        writer.WriteLine($"public static {Task} SetAsync({table}, {type} row, {Token}) =>");
        Indented(writer, "Checked(table).SetRowAsync(row, cancellationToken);");
        writer.Summary($"Deletes every column of {rows}.");
        writer.WriteLine($"public static {Task} DeleteAsync({table}{keysDeclared}, {Token}) =>");
        Indented(writer, $"Checked(table).DeleteRowAsync(KeyIds({keysPassed}), cancellationToken);");

        foreach (var column in record.Values)
        {
            var constant = "Columns." + Identifiers.Escape(column.PropertyName);
            var cref = $"<see cref=\"{type}.{Identifiers.Escape(column.PropertyName)}\"/>";
            writer.Summary($"Reads {cref} of {rows}; null when it is absent or not a valid value.");
            writer.OpenBlock($"public static async {Task}<{column.TypeName}?> Get{column.PropertyName}Async({table}{keysDeclared}, {Token})");
            writer.WriteLine($"var atom = await Checked(table).GetCellAsync(KeyIds({keysPassed}), {constant}, cancellationToken).ConfigureAwait(false);");
            writer.WriteLine($"return atom is {{ }} present && {map}TryRead{column.PropertyName}(present, out var value) ? value : null;");
            writer.CloseBlock();
            writer.WriteLine();
            writer.Summary($"Writes {cref} of {rows} (a new timestamp only if the value changed).");
            writer.WriteLine($"public static {Task} Set{column.PropertyName}Async({table}{keysDeclared}, {column.DeclaredTypeName} value, {Token}) =>");
            Indented(writer, $"Checked(table).SetCellAsync(KeyIds({keysPassed}), {constant}, {map}{column.PropertyName}ToAtom(value), cancellationToken);");
            WriteConflictValues(writer, column, type, constant, cref, map);
        }

        writer.WriteLine($"private static global::Synclets.Typed.SyncletTable<{type}> Checked(global::Synclets.Typed.SyncletTable<{type}> table) =>");
        Indented(writer, "table ?? throw new global::System.ArgumentNullException(nameof(table));");
        var ids = keyParameters.Select(key => Conversions.ToId(key.Key, key.Name, map));
        writer.WriteLine($"private static string[] KeyIds({string.Join(", ", keyParameters.Select(key => $"{key.Key.TypeName} {key.Name}"))}) =>");
        writer.Indentation++;
        writer.WriteLine(record.Keys.IsEmpty ? "global::System.Array.Empty<string>();" : $"new string[] {{ {string.Join(", ", ids)} }};");
        writer.Indentation--;
        writer.CloseBlock();
    }

    /// <summary>The typed reader of a conflict on one column: both values as the property's type.</summary>
    private static void WriteConflictValues(SourceWriter writer, ColumnModel column, string type, string constant, string cref, string map)
    {
        var value = $"{column.TypeName}?";
        writer.Summary($"The two values of {cref} that met in <paramref name=\"conflict\"/>: this synclet's, which lost, and the peer's; null for a deletion or a value that is not valid.");
        writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">The conflict is on another column.</exception>");
        writer.OpenBlock($"public static ({value} Local, {value} Remote) {column.PropertyName}Values(this global::Synclets.Typed.RowConflictEventArgs<{type}> conflict)");
        writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(conflict);");
        writer.OpenBlock($"if (conflict.ColumnName != {constant})");
        writer.WriteLine($"throw new global::System.ArgumentException(\"The conflict is on column '\" + conflict.ColumnName + \"', not '\" + {constant} + \"'.\", nameof(conflict));");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"{value} local = conflict.LocalAtom is {{ }} localAtom && {map}TryRead{column.PropertyName}(localAtom, out var localValue) ? localValue : null;");
        writer.WriteLine($"{value} remote = conflict.RemoteAtom is {{ }} remoteAtom && {map}TryRead{column.PropertyName}(remoteAtom, out var remoteValue) ? remoteValue : null;");
        writer.WriteLine("return (local, remote);");
        writer.CloseBlock();
        writer.WriteLine();
    }

    private static void WriteColumns(SourceWriter writer, RecordModel record)
    {
        var type = record.Type.FullyQualifiedName;
        writer.Summary($"The column names of <see cref=\"{type}\"/>: for a value, the last id of its atoms' addresses; for a key, its column in a relational table.");
        writer.OpenBlock("public static class Columns");
        var first = true;
        foreach (var column in record.Keys.Concat(record.Values))
        {
            if (!first)
            {
                writer.WriteLine();
            }

            first = false;
            writer.Summary($"The column of <see cref=\"{type}.{Identifiers.Escape(column.PropertyName)}\"/>.");
            writer.WriteLine($"public const string {Identifiers.Escape(column.PropertyName)} = {Identifiers.Literal(column.ColumnName)};");
        }

        writer.CloseBlock();
        writer.WriteLine();
    }

    private static void Indented(SourceWriter writer, string line)
    {
        writer.Indentation++;
        writer.WriteLine(line);
        writer.Indentation--;
        writer.WriteLine();
    }
}
