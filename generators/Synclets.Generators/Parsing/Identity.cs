using Microsoft.CodeAnalysis;
using Synclets.Generators.Model;

namespace Synclets.Generators.Parsing;

/// <summary>Names of types as generated code writes them.</summary>
internal static class Identity
{
    public static TypeIdentity Of(INamedTypeSymbol type) => new(
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
        type.Name,
        FullyQualified(type),
        type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal");

    /// <summary>The <c>global::</c>-qualified name (keywords for special types: <c>int</c>, <c>string</c>).</summary>
    public static string FullyQualified(ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
}
