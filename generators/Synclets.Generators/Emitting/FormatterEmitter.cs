using System.Globalization;
using System.Linq;
using Synclets.Generators.Model;

namespace Synclets.Generators.Emitting;

/// <summary>
/// Emits <c>{Record}MessagePackFormatter</c>: the record as a MessagePack map of column names to
/// values, written and read with MessagePackWriter/MessagePackReader primitives (no reflection, no
/// dynamic resolver). Reading skips keys it does not know, so records can gain columns.
/// </summary>
internal static class FormatterEmitter
{
    private const string Writer = "ref global::MessagePack.MessagePackWriter writer";
    private const string Reader = "ref global::MessagePack.MessagePackReader reader";
    private const string Options = "global::MessagePack.MessagePackSerializerOptions options";

    public static void Emit(SourceWriter writer, RecordModel record)
    {
        var type = record.Type.FullyQualifiedName;
        var columns = record.Keys.Concat(record.Values).ToList();
        var map = record.Type.Sibling(record.MapName) + ".";
        writer.Summary($"Serializes <see cref=\"{type}\"/> as a MessagePack map of column names to values, without reflection.");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.OpenBlock($"{record.Type.Accessibility} sealed class {record.FormatterName} : global::MessagePack.Formatters.IMessagePackFormatter<{type}?>");
        writer.Summary("The shared instance.");
        writer.WriteLine($"public static readonly {record.FormatterName} Instance = new {record.FormatterName}();");
        writer.WriteLine();

        writer.InheritDoc();
        writer.OpenBlock($"public void Serialize({Writer}, {type}? value, {Options})");
        writer.OpenBlock("if (value is null)");
        writer.WriteLine("writer.WriteNil();");
        writer.WriteLine("return;");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"writer.WriteMapHeader({columns.Count.ToString(CultureInfo.InvariantCulture)});");
        foreach (var column in columns)
        {
            writer.WriteLine($"writer.Write({Identifiers.Literal(column.ColumnName)});");
            WriteValue(writer, column, "value." + Identifiers.Escape(column.PropertyName), map);
        }

        writer.CloseBlock();
        writer.WriteLine();
        WriteDeserialize(writer, record, columns.ToArray());
        if (columns.Any(column => Conversions.ReadsText(column.Kind)))
        {
            writer.WriteLine();
            writer.WriteLine($"private static string ReadText({Reader}) =>");
            writer.Indentation++;
            writer.WriteLine("reader.ReadString() ?? throw new global::MessagePack.MessagePackSerializationException(\"Expected a string, found nil.\");");
            writer.Indentation--;
        }

        foreach (var enumModel in record.Enums)
        {
            writer.WriteLine();
            writer.OpenBlock($"private static {enumModel.TypeName} Read{enumModel.Helper}({Reader})");
            writer.WriteLine("var name = ReadText(ref reader);");
            var message = "$\"'{name}' is not a member of " + Identifiers.Readable(enumModel.TypeName) + ".\"";
            writer.WriteLine($"return {map}TryParse{enumModel.Helper}Name(name, out var value) ? value : throw new global::MessagePack.MessagePackSerializationException({message});");
            writer.CloseBlock();
        }

        writer.CloseBlock();
    }

    private static void WriteValue(SourceWriter writer, ColumnModel column, string access, string map)
    {
        if (!column.IsNullable || column.Kind == ValueKind.String)
        {
            writer.WriteLine(Conversions.WriteMessagePack(column, access, map));
            return;
        }

        writer.OpenBlock($"if ({access} is {{ }} {Local(column)})");
        writer.WriteLine(Conversions.WriteMessagePack(column, Local(column), map));
        writer.CloseBlock();
        writer.OpenBlock("else");
        writer.WriteLine("writer.WriteNil();");
        writer.CloseBlock();
    }

    private static void WriteDeserialize(SourceWriter writer, RecordModel record, ColumnModel[] columns)
    {
        var type = record.Type.FullyQualifiedName;
        writer.InheritDoc();
        writer.OpenBlock($"public {type}? Deserialize({Reader}, {Options})");
        writer.OpenBlock("if (reader.TryReadNil())");
        writer.WriteLine("return null;");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("options.Security.DepthStep(ref reader);");
        writer.OpenBlock("try");
        for (var i = 0; i < columns.Length; i++)
        {
            writer.WriteLine($"{columns[i].DeclaredTypeName} column{Number(i)} = {Conversions.Missing(columns[i])};");
        }

        writer.WriteLine("var count = reader.ReadMapHeader();");
        writer.OpenBlock("for (var i = 0; i < count; i++)");
        writer.OpenBlock("switch (reader.ReadString())");
        for (var i = 0; i < columns.Length; i++)
        {
            var column = columns[i];
            var read = Conversions.ReadMessagePack(column);
            var value = column.IsNullable && column.Kind != ValueKind.String ? $"reader.TryReadNil() ? null : {read}" : read;
            writer.WriteLine($"case {Identifiers.Literal(column.ColumnName)}: column{Number(i)} = {value}; break;");
        }

        writer.WriteLine("default: reader.Skip(); break;");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.WriteLine();
        var locals = columns.Select((column, index) => (column.PropertyName, Local: "column" + Number(index))).ToDictionary(pair => pair.PropertyName, pair => pair.Local);
        writer.WriteLine("return " + ConstructionEmitter.New(record, property => locals[property]) + ";");
        writer.CloseBlock();
        writer.OpenBlock("finally");
        writer.WriteLine("reader.Depth--;");
        writer.CloseBlock();
        writer.CloseBlock();
    }

    private static string Local(ColumnModel column) => "present" + column.PropertyName;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
