using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Synclets.Generators.Diagnostics;

namespace Synclets.Generators.Parsing;

/// <summary>Where to point a diagnostic: at the offending syntax when it is in source, else at the type.</summary>
internal static class SourceLocations
{
    /// <summary>The name of a type or member.</summary>
    public static LocationInfo? Identifier(ISymbol symbol) =>
        LocationInfo.From(symbol.Locations.FirstOrDefault(location => location.IsInSource));

    /// <summary>The type as written on a property or positional parameter; its name when it has no such syntax.</summary>
    public static LocationInfo? TypeOf(IPropertySymbol property, CancellationToken cancellationToken) =>
        property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) switch
        {
            PropertyDeclarationSyntax declaration => LocationInfo.From(declaration.Type),
            ParameterSyntax { Type: { } type } => LocationInfo.From(type),
            _ => Identifier(property),
        };

    /// <summary>The <c>Depth = n</c> argument of an attribute, or the whole attribute when it has none.</summary>
    public static LocationInfo? NamedArgument(AttributeData attribute, string name, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
        {
            return null;
        }

        var argument = syntax.ArgumentList?.Arguments.FirstOrDefault(candidate => candidate.NameEquals?.Name.Identifier.ValueText == name);
        return LocationInfo.From(argument ?? (SyntaxNode)syntax);
    }
}
