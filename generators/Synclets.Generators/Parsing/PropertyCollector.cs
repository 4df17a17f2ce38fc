using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Synclets.Generators.Parsing;

/// <summary>Finds the properties a record syncs: public instance properties with a public getter, base types first.</summary>
internal static class PropertyCollector
{
    public static List<SyncedProperty> Collect(INamedTypeSymbol type)
    {
        var primaryParameters = PrimaryConstructor(type)?.Parameters ?? [];
        var properties = new List<SyncedProperty>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var declaringType in BaseFirst(type))
        {
            foreach (var property in declaringType.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.IsStatic
                    || property.IsIndexer
                    || property.DeclaredAccessibility != Accessibility.Public
                    || property.GetMethod is not { DeclaredAccessibility: Accessibility.Public })
                {
                    continue;
                }

                var synced = new SyncedProperty(property, MatchByName(primaryParameters, property.Name, parameter => parameter.Name));
                if (positions.TryGetValue(property.Name, out var position))
                {
                    // An override or a hiding property keeps the base's position but its own attributes.
                    properties[position] = synced;
                }
                else
                {
                    positions[property.Name] = properties.Count;
                    properties.Add(synced);
                }
            }
        }

        return properties;
    }

    /// <summary>The constructor a positional record (or a class with a primary constructor) declares in its header.</summary>
    public static IMethodSymbol? PrimaryConstructor(INamedTypeSymbol type)
    {
        foreach (var constructor in type.InstanceConstructors)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is TypeDeclarationSyntax { ParameterList: { } list }
                    && list.Parameters.Select(parameter => parameter.Identifier.ValueText).SequenceEqual(constructor.Parameters.Select(parameter => parameter.Name)))
                {
                    return constructor;
                }
            }
        }

        return null;
    }

    /// <summary>The item named <paramref name="name"/>: exactly, else ignoring case when only one does.</summary>
    public static T? MatchByName<T>(IEnumerable<T> items, string name, Func<T, string> nameOf)
        where T : class
    {
        var list = items as IReadOnlyList<T> ?? items.ToList();
        var exact = list.FirstOrDefault(item => string.Equals(nameOf(item), name, StringComparison.Ordinal));
        if (exact is not null)
        {
            return exact;
        }

        var loose = list.Where(item => string.Equals(nameOf(item), name, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
        return loose.Count == 1 ? loose[0] : null;
    }

    private static IEnumerable<INamedTypeSymbol> BaseFirst(INamedTypeSymbol type)
    {
        var chain = new Stack<INamedTypeSymbol>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            chain.Push(current);
        }

        return chain;
    }
}
