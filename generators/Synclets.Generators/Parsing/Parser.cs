using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Synclets.Generators.Diagnostics;
using Synclets.Generators.Model;

namespace Synclets.Generators.Parsing;

/// <summary>
/// Turns one [Synclet] type into an equatable model and diagnostics. Symbols stay in here: the
/// result holds only strings, numbers, enums and equatable arrays, so the pipeline can cache it.
/// </summary>
internal static class Parser
{
    /// <summary>The predicate of the pipeline: purely syntactic, cheap, runs on every edit.</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) => node is TypeDeclarationSyntax;

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var diagnostics = new List<DiagnosticInfo>();
        if (!CheckDeclaration(type, diagnostics))
        {
            return new ParseResult(null, null, diagnostics.ToEquatableArray());
        }

        var attribute = context.Attributes[0];
        if (SchemaParser.IsSchema(type))
        {
            var schema = SchemaParser.Parse(type, attribute, diagnostics, cancellationToken, out var stub);
            return new ParseResult(null, schema, diagnostics.ToEquatableArray()) { SchemaStub = stub };
        }

        return new ParseResult(RecordParser.Parse(type, attribute, diagnostics, cancellationToken), null, diagnostics.ToEquatableArray());
    }

    /// <summary>The checks every [Synclet] type passes before its members are looked at; false when one fails.</summary>
    public static bool CheckDeclaration(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics)
    {
        var errorsBefore = diagnostics.Count;
        var identifier = SourceLocations.Identifier(type);
        if (WrongKind(type) is { } kind)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotRecordOrClass, identifier, type.Name, kind));
            return false;
        }

        if (type.ContainingType is { } container)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NestedType, identifier, type.Name, container.Name));
        }

        if (type.IsGenericType)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericType, identifier, type.Name));
        }

        if (!IsPartial(type))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, identifier, type.Name));
        }

        return diagnostics.Count == errorsBefore;
    }

    private static string? WrongKind(INamedTypeSymbol type) => type.TypeKind switch
    {
        TypeKind.Struct => type.IsRecord ? "a record struct" : "a struct",
        TypeKind.Interface => "an interface",
        TypeKind.Class => null,
        _ => "neither a record nor a class",
    };

    // A type from another assembly was checked where it was compiled.
    private static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.IsEmpty
        || type.DeclaringSyntaxReferences.Any(reference =>
            reference.GetSyntax() is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));
}
