using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Synclets.Generators.Model;

namespace Synclets.Generators.Emitting;

/// <summary>Emits <c>{Record}TableMap</c>: the record's columns, its atom conversions and the schema check.</summary>
internal static class TableMapEmitter
{
    private const string Atom = "global::Synclets.Atom";
    private const string Column = "global::Synclets.Typed.SyncletColumn";

    public static void Emit(SourceWriter writer, RecordModel record)
    {
        var type = record.Type.FullyQualifiedName;
        writer.Summary($"Maps <see cref=\"{type}\"/> rows to atoms and to a relational table, without reflection.");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.OpenBlock($"{record.Type.Accessibility} sealed class {record.MapName} : global::Synclets.Typed.ISyncletTableMap<{type}>");

        writer.Summary("The shared instance.");
        writer.WriteLine($"public static readonly {record.MapName} Instance = new {record.MapName}();");
        writer.WriteLine();
        writer.Summary($"A schema of one <see cref=\"{type}\"/> table at the root of a synclet of depth {record.Depth}.");
        writer.WriteLine("public static readonly global::Synclets.Typed.SyncletSchema Schema = global::Synclets.Typed.SyncletSchema.ForTable(Instance);");
        writer.WriteLine();
        WriteColumnArray(writer, "s_keys", record.Keys);
        WriteColumnArray(writer, "s_values", record.Values);

        writer.Summary("Use <see cref=\"Instance\"/>.");
        writer.WriteLine($"private {record.MapName}()");
        writer.WriteLine("{");
        writer.WriteLine("}");
        writer.WriteLine();
        writer.InheritDoc().WriteLine($"public string TableName => {Identifiers.Literal(record.TableName)};");
        writer.WriteLine();
        writer.InheritDoc().WriteLine($"public global::System.Collections.Generic.IReadOnlyList<{Column}> KeyColumns => s_keys;");
        writer.WriteLine();
        writer.InheritDoc().WriteLine($"public global::System.Collections.Generic.IReadOnlyList<{Column}> ValueColumns => s_values;");
        writer.WriteLine();
        writer.InheritDoc().WriteLine($"public string Fingerprint => {Identifiers.Literal(Fingerprint.Of(record))};");
        writer.WriteLine();

        WriteAcceptsKey(writer, record);
        WriteAcceptsValue(writer, record);
        WriteGetKeyIds(writer, record);
        WriteGetCells(writer, record);
        WriteReadRow(writer, record);
        WriteColumnHelpers(writer, record);
        foreach (var enumModel in record.Enums)
        {
            EnumEmitter.Emit(writer, enumModel);
        }

        writer.CloseBlock();
    }

    private static void WriteColumnArray(SourceWriter writer, string name, EquatableArray<ColumnModel> columns)
    {
        writer.OpenBlock($"private static readonly {Column}[] {name} = new {Column}[]");
        foreach (var column in columns)
        {
            var hasDefault = column.DefaultValue.Length > 0 ? " { HasDefault = true }" : string.Empty;
            writer.WriteLine($"new {Column}({Identifiers.Literal(column.ColumnName)}, {Conversions.ColumnType(column.Kind)}, {(column.IsNullable ? "true" : "false")}){hasDefault},");
        }

        writer.CloseBlock(";");
        writer.WriteLine();
    }

    private static void WriteAcceptsKey(SourceWriter writer, RecordModel record)
    {
        writer.InheritDoc();
        writer.OpenBlock("public bool AcceptsKey(int keyIndex, string id) => keyIndex switch");
        for (var i = 0; i < record.Keys.Count; i++)
        {
            writer.WriteLine($"{Number(i)} => id is not null && TryParse{record.Keys[i].PropertyName}(id, out _),");
        }

        writer.WriteLine("_ => false,");
        writer.CloseBlock(";");
        writer.WriteLine();
    }

    private static void WriteAcceptsValue(SourceWriter writer, RecordModel record)
    {
        writer.InheritDoc();
        writer.OpenBlock($"public bool AcceptsValue(string columnName, {Atom} atom) => columnName switch");
        foreach (var column in record.Values)
        {
            var check = $"TryRead{column.PropertyName}(atom, out _)";
            writer.WriteLine($"{Identifiers.Literal(column.ColumnName)} => {(column.IsNullable ? "atom.IsNull || " + check : check)},");
        }

        writer.WriteLine("_ => false,");
        writer.CloseBlock(";");
        writer.WriteLine();
    }

    private static void WriteGetKeyIds(SourceWriter writer, RecordModel record)
    {
        writer.InheritDoc();
        writer.OpenBlock($"public string[] GetKeyIds({record.Type.FullyQualifiedName} row)");
        writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(row);");
        var ids = record.Keys.Select(key => Conversions.ToId(key, "row." + Identifiers.Escape(key.PropertyName), string.Empty));
        writer.WriteLine(record.Keys.IsEmpty ? "return global::System.Array.Empty<string>();" : $"return new string[] {{ {string.Join(", ", ids)} }};");
        writer.CloseBlock();
        writer.WriteLine();
    }

    private static void WriteGetCells(SourceWriter writer, RecordModel record)
    {
        writer.InheritDoc();
        writer.OpenBlock($"public {Atom}[] GetCells({record.Type.FullyQualifiedName} row)");
        writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(row);");
        writer.OpenBlock($"return new {Atom}[]");
        foreach (var column in record.Values)
        {
            writer.WriteLine($"{column.PropertyName}ToAtom(row.{Identifiers.Escape(column.PropertyName)}),");
        }

        writer.CloseBlock(";");
        writer.CloseBlock();
        writer.WriteLine();
    }

    private static void WriteReadRow(SourceWriter writer, RecordModel record)
    {
        var locals = new Dictionary<string, string>();
        writer.InheritDoc();
        writer.OpenBlock($"public {record.Type.FullyQualifiedName}? ReadRow(global::System.Collections.Generic.IReadOnlyList<string> keyIds, global::System.Collections.Generic.IReadOnlyDictionary<string, {Atom}> cells)");
        writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(keyIds);");
        writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(cells);");
        var keyChecks = new List<string> { $"keyIds.Count != {Number(record.Keys.Count)}" };
        for (var i = 0; i < record.Keys.Count; i++)
        {
            var key = record.Keys[i];
            locals[key.PropertyName] = "key" + Number(i);
            keyChecks.Add($"!TryParse{key.PropertyName}(keyIds[{Number(i)}], out var key{Number(i)})");
        }

        writer.OpenBlock("if (" + string.Join(" || ", keyChecks) + ")");
        writer.WriteLine("return null;");
        writer.CloseBlock();
        writer.WriteLine();
        for (var i = 0; i < record.Values.Count; i++)
        {
            var column = record.Values[i];
            var n = Number(i);
            locals[column.PropertyName] = "value" + n;
            writer.WriteLine($"{column.DeclaredTypeName} value{n} = cells.TryGetValue({Identifiers.Literal(column.ColumnName)}, out var atom{n}) && TryRead{column.PropertyName}(atom{n}, out var read{n}) ? read{n} : {Conversions.Missing(column)};");
        }

        writer.WriteLine("return " + ConstructionEmitter.New(record, property => locals[property]) + ";");
        writer.CloseBlock();
        writer.WriteLine();
    }

    private static void WriteColumnHelpers(SourceWriter writer, RecordModel record)
    {
        foreach (var key in record.Keys)
        {
            writer.OpenBlock($"internal static bool TryParse{key.PropertyName}(string id, out {key.TypeName} value)");
            Conversions.WriteTryParseId(writer, key);
            writer.CloseBlock();
            writer.WriteLine();
        }

        foreach (var column in record.Values)
        {
            var toAtom = Conversions.ToAtom(column, column.IsNullable ? "present" : "value");
            writer.WriteLine($"internal static {Atom} {column.PropertyName}ToAtom({column.DeclaredTypeName} value) =>");
            writer.Indentation++;
            writer.WriteLine(column.IsNullable
                ? $"value is {{ }} present ? {toAtom} : {Atom}.Null;"
                : column.Kind == ValueKind.String ? $"{Conversions.ToAtom(column, "value ?? string.Empty")};" : toAtom + ";");
            writer.Indentation--;
            writer.WriteLine();
            writer.OpenBlock($"internal static bool TryRead{column.PropertyName}({Atom} atom, out {column.TypeName} value)");
            Conversions.WriteTryRead(writer, column);
            writer.CloseBlock();
            writer.WriteLine();
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
