using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Synclets.Generators.Diagnostics;
using Synclets.Generators.Model;

namespace Synclets.Generators.Parsing;

/// <summary>
/// Decides how a read row is built: which constructor, which property feeds each parameter, and
/// which properties are left to an object initializer.
/// </summary>
internal static class ConstructorBinder
{
    /// <summary>
    /// Binds the constructor's parameters to synced properties by name; false, with diagnostics,
    /// when no row can be built. <paramref name="bound"/> receives the names of properties the
    /// constructor sets, and <paramref name="defaults"/> the default values their parameters declare.
    /// </summary>
    public static bool TryBind(
        INamedTypeSymbol type,
        IReadOnlyList<SyncedProperty> synced,
        IReadOnlyList<SyncedProperty> ignored,
        List<DiagnosticInfo> diagnostics,
        out EquatableArray<ConstructorArgumentModel> arguments,
        out HashSet<string> bound,
        out Dictionary<string, string> defaults)
    {
        arguments = EquatableArray<ConstructorArgumentModel>.Empty;
        bound = [];
        defaults = [];
        var constructor = type.IsAbstract ? null : Choose(type);
        if (constructor is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoUsableConstructor, SourceLocations.Identifier(type), type.Name));
            return false;
        }

        var result = new List<ConstructorArgumentModel>();
        var ok = true;
        foreach (var parameter in constructor.Parameters)
        {
            var property = PropertyCollector.MatchByName(synced, parameter.Name, candidate => candidate.Name);
            if (property is not null && SymbolEqualityComparer.Default.Equals(property.Symbol.Type, parameter.Type))
            {
                result.Add(new ConstructorArgumentModel(parameter.Name, property.Name));
                bound.Add(property.Name);
                if (DefaultValues.Of(parameter) is { } value)
                {
                    defaults[property.Name] = value;
                }
            }
            else if (property is null && PropertyCollector.MatchByName(ignored, parameter.Name, candidate => candidate.Name) is not null)
            {
                // An ignored property is not synced: its parameter gets the type's default.
                result.Add(new ConstructorArgumentModel(parameter.Name, string.Empty));
            }
            else if (!parameter.IsOptional)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnmatchedConstructorParameter,
                    SourceLocations.Identifier(parameter) ?? SourceLocations.Identifier(type),
                    parameter.Name,
                    type.Name));
                ok = false;
            }
        }

        arguments = result.ToEquatableArray();
        return ok;
    }

    private static IMethodSymbol? Choose(INamedTypeSymbol type)
    {
        if (PropertyCollector.PrimaryConstructor(type) is { } primary)
        {
            return primary;
        }

        var usable = type.InstanceConstructors
            .Where(constructor => constructor.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal)
            .Where(constructor => !IsCopyConstructor(type, constructor))
            .ToList();
        return usable.FirstOrDefault(constructor => constructor.Parameters.IsEmpty)
            ?? (usable.Count == 1 ? usable[0] : null);
    }

    private static bool IsCopyConstructor(INamedTypeSymbol type, IMethodSymbol constructor) =>
        constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);
}
