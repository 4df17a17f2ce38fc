using Synclets.Generators.Model;

namespace Synclets.Generators.Emitting;

/// <summary>
/// The code that converts one column between its .NET type and an atom, an id or MessagePack:
/// one place per kind, so the table map, the extensions and the formatter agree.
/// </summary>
internal static class Conversions
{
    private const string AtomConvert = "global::Synclets.Typed.AtomConvert";
    private const string Atom = "global::Synclets.Atom";
    private const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";

    /// <summary>The <c>SyncletColumnType</c> member a kind is stored as.</summary>
    public static string ColumnType(ValueKind kind) => "global::Synclets.Typed.SyncletColumnType." + kind switch
    {
        ValueKind.String => "Text",
        ValueKind.Boolean => "Boolean",
        ValueKind.UInt64 or ValueKind.Decimal => "Decimal",
        ValueKind.Single or ValueKind.Double => "Real",
        ValueKind.Guid => "Uuid",
        ValueKind.DateTime => "DateTime",
        ValueKind.DateTimeOffset => "DateTimeOffset",
        ValueKind.TimeSpan => "Duration",
        ValueKind.Enum => "Enum",
        _ => "Integer",
    };

    /// <summary>Whether the kind is one of the integer types an integer atom holds (all but <see cref="ulong"/>).</summary>
    public static bool IsSmallInteger(ValueKind kind) =>
        kind is ValueKind.Byte or ValueKind.SByte or ValueKind.Int16 or ValueKind.UInt16 or ValueKind.Int32 or ValueKind.UInt32 or ValueKind.Int64;

    /// <summary>An atom from a non-null <paramref name="value"/> of the column's underlying type.</summary>
    public static string ToAtom(ColumnModel column, string value) => column.Kind switch
    {
        ValueKind.String => Atom + ".FromString(" + value + ")",
        ValueKind.Boolean => Atom + ".FromBoolean(" + value + ")",
        ValueKind.UInt64 => AtomConvert + ".FromUInt64(" + value + ")",
        ValueKind.Single or ValueKind.Double => AtomConvert + ".FromReal(" + value + ")",
        ValueKind.Decimal => AtomConvert + ".FromDecimal(" + value + ")",
        ValueKind.Guid => AtomConvert + ".FromGuid(" + value + ")",
        ValueKind.DateTime => AtomConvert + ".FromDateTime(" + value + ")",
        ValueKind.DateTimeOffset => AtomConvert + ".FromDateTimeOffset(" + value + ")",
        ValueKind.TimeSpan => AtomConvert + ".FromDuration(" + value + ")",
        ValueKind.Enum => Atom + ".FromString(" + column.EnumHelper + "ToName(" + value + "))",
        _ => AtomConvert + ".FromInteger(" + value + ")",
    };

    /// <summary>
    /// The body of <c>TryRead{Property}(Atom atom, out T value)</c>: the full check of an atom's
    /// kind and form (ranges, names, parsable text), so a value that passes always converts.
    /// </summary>
    public static void WriteTryRead(SourceWriter writer, ColumnModel column)
    {
        switch (column.Kind)
        {
            case ValueKind.Int64:
                writer.WriteLine("return " + AtomConvert + ".TryToInteger(atom, long.MinValue, long.MaxValue, out value);");
                return;
            case var kind when IsSmallInteger(kind):
                writer.WriteLine("var valid = " + AtomConvert + ".TryToInteger(atom, " + column.TypeName + ".MinValue, " + column.TypeName + ".MaxValue, out var number);");
                writer.WriteLine("value = valid ? (" + column.TypeName + ")number : default;");
                writer.WriteLine("return valid;");
                return;
            case ValueKind.Single:
                writer.WriteLine("var valid = " + AtomConvert + ".TryToReal(atom, out var number) && number >= float.MinValue && number <= float.MaxValue;");
                writer.WriteLine("value = valid ? (float)number : default;");
                writer.WriteLine("return valid;");
                return;
            case ValueKind.Enum:
                writer.WriteLine("value = default;");
                writer.WriteLine("return atom.Kind == global::Synclets.AtomKind.String && TryParse" + column.EnumHelper + "Name(atom.AsString(), out value);");
                return;
            default:
                writer.WriteLine("return " + AtomConvert + "." + TryToMethod(column.Kind) + "(atom, out value);");
                return;
        }
    }

    /// <summary>A key's id from a <paramref name="value"/> of the key's type; <paramref name="map"/> prefixes the map's helpers.</summary>
    public static string ToId(ColumnModel key, string value, string map) => key.Kind switch
    {
        ValueKind.String => value,
        ValueKind.UInt64 => AtomConvert + ".UInt64ToId(" + value + ")",
        ValueKind.Guid => AtomConvert + ".GuidToId(" + value + ")",
        ValueKind.Enum => map + key.EnumHelper + "ToName(" + value + ")",
        _ => AtomConvert + ".IntegerToId(" + value + ")",
    };

    /// <summary>
    /// The body of <c>TryParse{Key}(string id, out T value)</c>. Only the canonical id of a value
    /// passes ("7", not "007"), so one row never hides under two addresses.
    /// </summary>
    public static void WriteTryParseId(SourceWriter writer, ColumnModel key)
    {
        switch (key.Kind)
        {
            case ValueKind.String:
                writer.WriteLine("value = id;");
                writer.WriteLine("return true;");
                return;
            case ValueKind.UInt64:
                writer.WriteLine("return " + AtomConvert + ".TryIdToUInt64(id, out value) && " + ToId(key, "value", string.Empty) + " == id;");
                return;
            case ValueKind.Guid:
                writer.WriteLine("return " + AtomConvert + ".TryIdToGuid(id, out value) && " + ToId(key, "value", string.Empty) + " == id;");
                return;
            case ValueKind.Enum:
                writer.WriteLine("return TryParse" + key.EnumHelper + "Name(id, out value) && " + ToId(key, "value", string.Empty) + " == id;");
                return;
            default:
                writer.WriteLine("var valid = " + AtomConvert + ".TryIdToInteger(id, " + key.TypeName + ".MinValue, " + key.TypeName + ".MaxValue, out var number) && " + AtomConvert + ".IntegerToId(number) == id;");
                writer.WriteLine("value = valid ? (" + key.TypeName + ")number : default;");
                writer.WriteLine("return valid;");
                return;
        }
    }

    /// <summary>The value a column reads as when its atom is absent or invalid.</summary>
    public static string Missing(ColumnModel column) =>
        column.DefaultValue.Length > 0 ? column.DefaultValue
        : column.IsNullable ? "null" : column.Kind == ValueKind.String ? "string.Empty" : "default";

    /// <summary>Writes a non-null <paramref name="value"/> with MessagePackWriter primitives; <paramref name="map"/> prefixes the map's helpers.</summary>
    public static string WriteMessagePack(ColumnModel column, string value, string map) => "writer.Write(" + column.Kind switch
    {
        ValueKind.Decimal => value + ".ToString(" + Invariant + ")",
        ValueKind.Guid => value + ".ToString(\"D\")",
        ValueKind.DateTime or ValueKind.DateTimeOffset => value + ".ToString(\"O\", " + Invariant + ")",
        ValueKind.TimeSpan => value + ".Ticks",
        ValueKind.Enum => map + column.EnumHelper + "ToName(" + value + ")",
        _ => value,
    } + ");";

    /// <summary>Reads a non-nil value with MessagePackReader primitives (text kinds through the formatter's ReadText).</summary>
    public static string ReadMessagePack(ColumnModel column) => column.Kind switch
    {
        ValueKind.String => "reader.ReadString()" + (column.IsNullable ? string.Empty : " ?? string.Empty"),
        ValueKind.Boolean => "reader.ReadBoolean()",
        ValueKind.Decimal => "decimal.Parse(ReadText(ref reader), global::System.Globalization.NumberStyles.Number | global::System.Globalization.NumberStyles.AllowExponent, " + Invariant + ")",
        ValueKind.Guid => "global::System.Guid.Parse(ReadText(ref reader))",
        ValueKind.DateTime => "global::System.DateTime.Parse(ReadText(ref reader), " + Invariant + ", global::System.Globalization.DateTimeStyles.RoundtripKind)",
        ValueKind.DateTimeOffset => "global::System.DateTimeOffset.Parse(ReadText(ref reader), " + Invariant + ", global::System.Globalization.DateTimeStyles.RoundtripKind)",
        ValueKind.TimeSpan => "global::System.TimeSpan.FromTicks(reader.ReadInt64())",
        ValueKind.Enum => "Read" + column.EnumHelper + "(ref reader)",
        _ => "reader.Read" + column.Kind + "()",
    };

    /// <summary>Whether reading the kind from MessagePack goes through the formatter's ReadText helper.</summary>
    public static bool ReadsText(ValueKind kind) =>
        kind is ValueKind.Decimal or ValueKind.Guid or ValueKind.DateTime or ValueKind.DateTimeOffset or ValueKind.Enum;

    private static string TryToMethod(ValueKind kind) => kind switch
    {
        ValueKind.String => "TryToString",
        ValueKind.Boolean => "TryToBoolean",
        ValueKind.UInt64 => "TryToUInt64",
        ValueKind.Double => "TryToReal",
        ValueKind.Decimal => "TryToDecimal",
        ValueKind.Guid => "TryToGuid",
        ValueKind.DateTime => "TryToDateTime",
        ValueKind.DateTimeOffset => "TryToDateTimeOffset",
        _ => "TryToDuration",
    };
}
