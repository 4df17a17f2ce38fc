using Microsoft.CodeAnalysis;
using Synclets.Generators.Model;

namespace Synclets.Generators.Parsing;

/// <summary>Which .NET types a column can hold, and which of them can be keys.</summary>
internal static class ColumnTypes
{
    /// <summary>
    /// The kind of a property type, unwrapping <c>Nullable&lt;T&gt;</c> and nullable references;
    /// false for a type no column can hold.
    /// </summary>
    public static bool TryClassify(ITypeSymbol type, out ValueKind kind, out bool isNullable, out ITypeSymbol underlying)
    {
        isNullable = false;
        underlying = type;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            isNullable = true;
            underlying = nullable.TypeArguments[0];
        }
        else if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            isNullable = true;
            underlying = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        }

        return TryClassifyUnderlying(underlying, out kind);
    }

    /// <summary>Whether a key of this kind can be turned into an id and back without loss.</summary>
    public static bool CanBeKey(ValueKind kind, bool isNullable) => !isNullable && kind switch
    {
        ValueKind.String or ValueKind.Guid or ValueKind.Enum => true,
        ValueKind.Byte or ValueKind.SByte or ValueKind.Int16 or ValueKind.UInt16 => true,
        ValueKind.Int32 or ValueKind.UInt32 or ValueKind.Int64 or ValueKind.UInt64 => true,
        _ => false,
    };

    private static bool TryClassifyUnderlying(ITypeSymbol type, out ValueKind kind)
    {
        kind = type.SpecialType switch
        {
            SpecialType.System_String => ValueKind.String,
            SpecialType.System_Boolean => ValueKind.Boolean,
            SpecialType.System_Byte => ValueKind.Byte,
            SpecialType.System_SByte => ValueKind.SByte,
            SpecialType.System_Int16 => ValueKind.Int16,
            SpecialType.System_UInt16 => ValueKind.UInt16,
            SpecialType.System_Int32 => ValueKind.Int32,
            SpecialType.System_UInt32 => ValueKind.UInt32,
            SpecialType.System_Int64 => ValueKind.Int64,
            SpecialType.System_UInt64 => ValueKind.UInt64,
            SpecialType.System_Single => ValueKind.Single,
            SpecialType.System_Double => ValueKind.Double,
            SpecialType.System_Decimal => ValueKind.Decimal,
            SpecialType.System_DateTime => ValueKind.DateTime,
            _ when type.TypeKind == TypeKind.Enum => ValueKind.Enum,
            _ when KnownTypes.IsSystemType(type, "Guid") => ValueKind.Guid,
            _ when KnownTypes.IsSystemType(type, "DateTimeOffset") => ValueKind.DateTimeOffset,
            _ when KnownTypes.IsSystemType(type, "TimeSpan") => ValueKind.TimeSpan,
            _ => (ValueKind)(-1),
        };
        return kind >= 0;
    }
}
