using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Synclets.Generators.Diagnostics;
using Synclets.Generators.Model;

namespace Synclets.Generators.Parsing;

/// <summary>A [Synclet] record's symbols → its <see cref="RecordModel"/>: columns, keys, depth and construction.</summary>
internal static class RecordParser
{
    /// <summary>The record's model, or null when it has errors (each added to <paramref name="diagnostics"/>).</summary>
    public static RecordModel? Parse(INamedTypeSymbol type, AttributeData synclet, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var errorsBefore = diagnostics.Count;
        var all = PropertyCollector.Collect(type);
        var synced = all.Where(property => !property.IsIgnored).ToList();
        var ignored = all.Where(property => property.IsIgnored).ToList();
        var enums = new EnumCollector();
        var columns = new List<(SyncedProperty Property, ColumnModel Column)>();
        foreach (var property in synced)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ParseColumn(type, property, enums, diagnostics, cancellationToken) is { } column)
            {
                columns.Add((property, column));
            }
        }

        var keys = columns
            .Select((entry, index) => (entry, index))
            .Where(pair => pair.entry.Property.KeyAttribute is not null)
            .OrderBy(pair => pair.entry.Property.KeyOrder)
            .ThenBy(pair => pair.index)
            .Select(pair => pair.entry)
            .ToList();
        var values = columns.Where(entry => entry.Property.KeyAttribute is null).ToList();

        ReportDuplicateColumns(type, columns, diagnostics);
        if (values.Count == 0 && columns.Count == synced.Count)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoValueColumns, SourceLocations.Identifier(type), type.Name));
        }

        // Keys that failed their own checks still count: the depth is judged on what was declared.
        var declaredKeys = synced.Count(property => property.KeyAttribute is not null);
        var depth = CheckDepth(type, synclet, declaredKeys, diagnostics, cancellationToken);
        var bound = new HashSet<string>();
        var defaults = new Dictionary<string, string>();
        if (ConstructorBinder.TryBind(type, synced, ignored, diagnostics, out var arguments, out bound, out defaults))
        {
            foreach (var (property, _) in columns.Where(entry => !bound.Contains(entry.Property.Name)))
            {
                if (property.Symbol.SetMethod is not { DeclaredAccessibility: Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal })
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.PropertyNotSettable,
                        SourceLocations.Identifier(property.Symbol),
                        type.Name + "." + property.Name));
                }
            }
        }

        if (diagnostics.Count != errorsBefore || columns.Count != synced.Count)
        {
            return null;
        }

        ColumnModel Finish((SyncedProperty Property, ColumnModel Column) entry) =>
            entry.Column with
            {
                SetByInitializer = !bound.Contains(entry.Property.Name),
                DefaultValue = defaults.TryGetValue(entry.Property.Name, out var value) ? value : string.Empty,
            };

        return new RecordModel(
            Identity.Of(type),
            TableName(type),
            depth,
            keys.Select(Finish).ToEquatableArray(),
            values.Select(Finish).ToEquatableArray(),
            arguments,
            enums.Models.ToEquatableArray());
    }

    /// <summary>The number of keys of a record, without checking anything else; for schemas sizing their tables.</summary>
    public static int CountKeys(INamedTypeSymbol type) =>
        PropertyCollector.Collect(type).Count(property => !property.IsIgnored && property.KeyAttribute is not null);

    private static ColumnModel? ParseColumn(INamedTypeSymbol type, SyncedProperty property, EnumCollector enums, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var propertyType = property.Symbol.Type;
        if (propertyType.TypeKind == TypeKind.Error)
        {
            // The compiler already reports the unknown type; the record is simply not generated.
            return null;
        }

        if (!ColumnTypes.TryClassify(propertyType, out var kind, out var isNullable, out var underlying))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UnsupportedType,
                SourceLocations.TypeOf(property.Symbol, cancellationToken),
                type.Name + "." + property.Name,
                propertyType.ToDisplayString()));
            return null;
        }

        if (property.KeyAttribute is not null && !ColumnTypes.CanBeKey(kind, isNullable))
        {
            // A key type that would do but for its '?' gets the diagnostic that says so.
            diagnostics.Add(DiagnosticInfo.Create(
                isNullable && ColumnTypes.CanBeKey(kind, isNullable: false) ? DiagnosticDescriptors.NullableKey : DiagnosticDescriptors.InvalidKeyType,
                SourceLocations.TypeOf(property.Symbol, cancellationToken),
                type.Name + "." + property.Name,
                propertyType.ToDisplayString()));
            return null;
        }

        var helper = kind == ValueKind.Enum ? enums.HelperFor((INamedTypeSymbol)underlying) : string.Empty;
        return new ColumnModel(property.Name, property.ColumnName, kind, isNullable, Identity.FullyQualified(underlying), helper, SetByInitializer: false);
    }

    private static void ReportDuplicateColumns(INamedTypeSymbol type, List<(SyncedProperty Property, ColumnModel Column)> columns, List<DiagnosticInfo> diagnostics)
    {
        var seen = new Dictionary<string, SyncedProperty>(StringComparer.Ordinal);
        foreach (var (property, column) in columns)
        {
            if (seen.TryGetValue(column.ColumnName, out var first))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.DuplicateColumn,
                    SourceLocations.Identifier(property.Symbol),
                    column.ColumnName,
                    type.Name,
                    first.Name,
                    property.Name));
            }
            else
            {
                seen.Add(column.ColumnName, property);
            }
        }
    }

    private static int CheckDepth(INamedTypeSymbol type, AttributeData synclet, int keyCount, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var implied = keyCount + 1;
        var declared = Depths.Declared(synclet);
        if (declared == 0 || declared == implied)
        {
            return implied;
        }

        var location = SourceLocations.NamedArgument(synclet, KnownTypes.DepthArgument, cancellationToken);
        diagnostics.Add(keyCount == 0 && declared >= 2
            ? DiagnosticInfo.Create(DiagnosticDescriptors.NoKey, location, type.Name, Depths.Text(declared), Depths.Text(declared - 1))
            : DiagnosticInfo.Create(DiagnosticDescriptors.DepthMismatch, location, type.Name, Depths.Text(declared), Depths.Text(implied), Depths.Keys(keyCount) + " + 1"));
        return implied;
    }

    private static string TableName(INamedTypeSymbol type) =>
        type.GetAttributes().FirstOrDefault(KnownTypes.IsTableAttribute) is { ConstructorArguments: [{ Value: string name }] } ? name : type.Name;
}
