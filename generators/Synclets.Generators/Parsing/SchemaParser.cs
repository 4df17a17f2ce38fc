using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Synclets.Generators.Diagnostics;
using Synclets.Generators.Model;

namespace Synclets.Generators.Parsing;

/// <summary>A [Synclet] schema class's symbols → its <see cref="SchemaModel"/>: one table per partial <c>SyncletTable&lt;T&gt;</c> property.</summary>
internal static class SchemaParser
{
    /// <summary>Whether a [Synclet] type is a schema: it declares a <c>SyncletTable&lt;T&gt;</c> property.</summary>
    public static bool IsSchema(INamedTypeSymbol type) =>
        type.GetMembers().OfType<IPropertySymbol>().Any(property => KnownTypes.IsSyncletTable(property.Type, out _));

    /// <summary>
    /// The schema's model, or null when it or one of its tables' records has errors; then
    /// <paramref name="stub"/> lists the well-declared table properties, which still need a body so
    /// that the compiler adds no errors of its own to the diagnostics that say what is wrong.
    /// </summary>
    public static SchemaModel? Parse(INamedTypeSymbol type, AttributeData synclet, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken, out SchemaStubModel? stub)
    {
        stub = null;
        var errorsBefore = diagnostics.Count;
        var tables = new List<(IPropertySymbol Property, SchemaTableModel Table, int KeyCount)>();
        var declared = new List<StubPropertyModel>();
        var rowsValid = true;
        foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var isTable = KnownTypes.IsSyncletTable(property.Type, out var rowType);
            if ((!isTable && !property.IsPartialDefinition) || property.GetAttributes().Any(KnownTypes.IsIgnoreAttribute))
            {
                continue;
            }

            if (property.IsPartialDefinition && !HasErrorType(property.Type))
            {
                declared.Add(StubOf(property));
            }

            if (rowType is { TypeKind: TypeKind.Error })
            {
                // The compiler already reports the unknown row type; the schema is simply not generated.
                rowsValid = false;
                continue;
            }

            if (Problem(property, isTable, rowType) is { } problem)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSchemaTable, SourceLocations.Identifier(property), property.Name, type.Name, problem));
                continue;
            }

            var row = (INamedTypeSymbol)rowType!;
            var rowAttribute = row.GetAttributes().First(KnownTypes.IsSyncletAttribute);

            // The row reports its own errors where it is declared; here they only mean "generate nothing".
            var rowDiagnostics = new List<DiagnosticInfo>();
            if (!Parser.CheckDeclaration(row, rowDiagnostics) || RecordParser.Parse(row, rowAttribute, rowDiagnostics, cancellationToken) is not { } record)
            {
                rowsValid = false;
                continue;
            }

            var tableId = property.GetAttributes().FirstOrDefault(KnownTypes.IsTableAttribute) is { ConstructorArguments: [{ Value: string id }] } ? id : property.Name;
            tables.Add((property, new SchemaTableModel(property.Name, Accessibilities.Text(property.DeclaredAccessibility), tableId, record.Type.FullyQualifiedName, record.Type.Sibling(record.MapName)), record.Keys.Count));
        }

        CheckTables(type, tables, diagnostics);
        var depth = tables.Count == 0 ? 0 : CheckDepth(type, synclet, tables[0].KeyCount, diagnostics, cancellationToken);
        if (diagnostics.Count != errorsBefore || !rowsValid || tables.Count == 0)
        {
            stub = declared.Count == 0 ? null : new SchemaStubModel(Identity.Of(type), type.IsRecord ? "record" : "class", declared.ToEquatableArray());
            return null;
        }

        return new SchemaModel(
            Identity.Of(type),
            type.IsRecord ? "record" : "class",
            depth,
            tables.Select(table => table.Table).ToEquatableArray());
    }

    /// <summary>A throwing body for a partial property, whatever is wrong with it, so the compiler asks for no implementation.</summary>
    private static StubPropertyModel StubOf(IPropertySymbol property) => new(
        property.Name,
        Accessibilities.Text(property.DeclaredAccessibility),
        property.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier)),
        property.IsStatic,
        property.GetMethod is not null,
        property.SetMethod is null ? string.Empty : property.SetMethod.IsInitOnly ? "init" : "set");

    private static bool HasErrorType(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Error || (type is INamedTypeSymbol named && named.TypeArguments.Any(HasErrorType));

    private static string? Problem(IPropertySymbol property, bool isTable, ITypeSymbol? rowType)
    {
        if (!isTable)
        {
            return "its type must be SyncletTable<T> of a [Synclet] record";
        }

        if (property.IsStatic || !property.IsPartialDefinition || property.SetMethod is not null)
        {
            return "it must be an instance property declared partial, with a getter only";
        }

        if (property.NullableAnnotation == NullableAnnotation.Annotated)
        {
            return "its type must not be nullable";
        }

        if (rowType is not INamedTypeSymbol row || !row.GetAttributes().Any(KnownTypes.IsSyncletAttribute))
        {
            return $"'{rowType?.ToDisplayString()}' is not a [Synclet] record";
        }

        return IsSchema(row) ? $"'{row.Name}' is a schema, not a record" : null;
    }

    private static void CheckTables(INamedTypeSymbol type, List<(IPropertySymbol Property, SchemaTableModel Table, int KeyCount)> tables, List<DiagnosticInfo> diagnostics)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (property, table, keyCount) in tables)
        {
            if (ids.TryGetValue(table.TableId, out var first))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateTableId, SourceLocations.Identifier(property), table.TableId, type.Name, first, property.Name));
            }
            else
            {
                ids.Add(table.TableId, property.Name);
            }

            var reference = tables[0];
            if (keyCount != reference.KeyCount)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.KeyCountMismatch,
                    SourceLocations.Identifier(property),
                    property.Name,
                    type.Name,
                    Depths.Text(keyCount),
                    reference.Property.Name,
                    Depths.Text(reference.KeyCount)));
            }
        }
    }

    private static int CheckDepth(INamedTypeSymbol type, AttributeData synclet, int keyCount, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var implied = keyCount + 2;
        var declared = Depths.Declared(synclet);
        if (declared != 0 && declared != implied)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.DepthMismatch,
                SourceLocations.NamedArgument(synclet, KnownTypes.DepthArgument, cancellationToken),
                type.Name,
                Depths.Text(declared),
                Depths.Text(implied),
                Depths.Keys(keyCount) + " per table + 2"));
        }

        return implied;
    }
}
