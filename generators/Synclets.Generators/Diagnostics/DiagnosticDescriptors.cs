using Microsoft.CodeAnalysis;

namespace Synclets.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. Ids are stable and never reused: they are listed in
/// AnalyzerReleases.*.md and users suppress them by id.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Synclets";

    public static readonly DiagnosticDescriptor NotPartial = Error(
        "SYN001",
        "Synclet type must be partial",
        "The [Synclet] type '{0}' must be declared partial");

    public static readonly DiagnosticDescriptor NoKey = Error(
        "SYN002",
        "Synclet record needs a key",
        "Record '{0}' declares depth {1} but has no [SyncletKey] property; depth {1} needs {2} key(s)");

    public static readonly DiagnosticDescriptor DepthMismatch = Error(
        "SYN003",
        "Depth disagrees with the keys",
        "'{0}' declares depth {1}, but its keys imply depth {2} ({3})");

    public static readonly DiagnosticDescriptor UnsupportedType = Error(
        "SYN004",
        "Unsupported property type",
        "Property '{0}' has type '{1}', which a synclet column cannot hold; use string, bool, an integer type, float, double, decimal, Guid, DateTime, DateTimeOffset, TimeSpan, an enum or one of their nullables, or mark it [SyncletIgnore]");

    public static readonly DiagnosticDescriptor DuplicateColumn = Error(
        "SYN005",
        "Duplicate column name",
        "Column name '{0}' of '{1}' is used by both '{2}' and '{3}'; give one of them another name with [SyncletColumn]");

    public static readonly DiagnosticDescriptor KeyCountMismatch = Error(
        "SYN006",
        "Schema tables have different numbers of keys",
        "Table '{0}' of schema '{1}' has {2} key(s), but table '{3}' has {4}; all tables of a schema must have the same number of keys");

    public static readonly DiagnosticDescriptor InvalidKeyType = Error(
        "SYN007",
        "Key type cannot be an id",
        "Key '{0}' has type '{1}', which cannot be an id; a key must be a string, an integer type, a Guid or an enum, and not nullable");

    public static readonly DiagnosticDescriptor NotRecordOrClass = Error(
        "SYN008",
        "[Synclet] applies to records and classes only",
        "[Synclet] is on '{0}', which is {1}; it applies only to records and classes");

    public static readonly DiagnosticDescriptor InvalidSchemaTable = Error(
        "SYN009",
        "Schema property is not a table",
        "Property '{0}' of schema '{1}' cannot be a table: {2}");

    public static readonly DiagnosticDescriptor NestedType = Error(
        "SYN010",
        "Synclet type is nested",
        "'{0}' is nested in '{1}'; [Synclet] types must be declared directly in a namespace");

    public static readonly DiagnosticDescriptor GenericType = Error(
        "SYN011",
        "Synclet type is generic",
        "'{0}' is generic; [Synclet] types cannot have type parameters");

    public static readonly DiagnosticDescriptor PropertyNotSettable = Error(
        "SYN012",
        "Property cannot be set when a row is read",
        "Property '{0}' cannot be set when a row is read; give it a setter or init accessor or a constructor parameter of the same name, or mark it [SyncletIgnore]");

    public static readonly DiagnosticDescriptor NoUsableConstructor = Error(
        "SYN013",
        "No constructor to read rows with",
        "'{0}' has no constructor a read row can be built with; declare a primary constructor, a public parameterless constructor or a single public constructor");

    public static readonly DiagnosticDescriptor UnmatchedConstructorParameter = Error(
        "SYN014",
        "Constructor parameter matches no property",
        "Constructor parameter '{0}' of '{1}' matches no synced property; name it after a property or give it a default value");

    public static readonly DiagnosticDescriptor NoValueColumns = Error(
        "SYN015",
        "Record has no value columns",
        "Record '{0}' has no value columns; a row is stored as its columns, so it needs a synced property that is not a key");

    public static readonly DiagnosticDescriptor DuplicateTableId = Error(
        "SYN016",
        "Duplicate table id",
        "Table id '{0}' of schema '{1}' is used by both '{2}' and '{3}'; give one of them another id with [SyncletTable]");

    public static readonly DiagnosticDescriptor NullableKey = Error(
        "SYN017",
        "Key is nullable",
        "Key '{0}' has the nullable type '{1}'; a key is its row's id in the tree and is never null, so remove the '?'");

    /// <summary>
    /// Where each diagnostic is explained (what triggers it, an example, the fix), relative to the
    /// repository's root; the anchor is the lower-case id.
    /// </summary>
    public const string HelpPage = "docs/diagnostics.md";

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpPage + "#" + id.ToLowerInvariant());
}
