using Microsoft.CodeAnalysis;

namespace Synclets.Generators.Parsing;

/// <summary>
/// The runtime types the generator recognizes, matched by name: the generator never references
/// the runtime assembly, and comparing names needs no compilation-wide lookups.
/// </summary>
internal static class KnownTypes
{
    public const string TypedNamespace = "Synclets.Typed";
    public const string SyncletAttribute = TypedNamespace + ".SyncletAttribute";
    public const string DepthArgument = "Depth";
    public const string OrderArgument = "Order";

    private const string KeyAttributeName = "SyncletKeyAttribute";
    private const string ColumnAttributeName = "SyncletColumnAttribute";
    private const string IgnoreAttributeName = "SyncletIgnoreAttribute";
    private const string TableAttributeName = "SyncletTableAttribute";
    private const string SyncletAttributeName = "SyncletAttribute";
    private const string SyncletTableName = "SyncletTable";

    public static bool IsKeyAttribute(AttributeData attribute) => IsTyped(attribute.AttributeClass, KeyAttributeName);

    public static bool IsColumnAttribute(AttributeData attribute) => IsTyped(attribute.AttributeClass, ColumnAttributeName);

    public static bool IsIgnoreAttribute(AttributeData attribute) => IsTyped(attribute.AttributeClass, IgnoreAttributeName);

    public static bool IsTableAttribute(AttributeData attribute) => IsTyped(attribute.AttributeClass, TableAttributeName);

    public static bool IsSyncletAttribute(AttributeData attribute) => IsTyped(attribute.AttributeClass, SyncletAttributeName);

    /// <summary>Whether <paramref name="type"/> is <c>SyncletTable&lt;T&gt;</c>; <paramref name="rowType"/> is its T.</summary>
    public static bool IsSyncletTable(ITypeSymbol type, out ITypeSymbol? rowType)
    {
        rowType = null;
        if (type is INamedTypeSymbol { Arity: 1 } named && IsTyped(named, SyncletTableName))
        {
            rowType = named.TypeArguments[0];
            return true;
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> is <c>System.{name}</c>.</summary>
    public static bool IsSystemType(ITypeSymbol type, string name) =>
        type.Name == name && type.ContainingType is null && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };

    private static bool IsTyped(INamedTypeSymbol? type, string name) =>
        type is not null
        && type.Name == name
        && type.ContainingType is null
        && type.ContainingNamespace is { Name: "Typed", ContainingNamespace: { Name: "Synclets", ContainingNamespace.IsGlobalNamespace: true } };
}
