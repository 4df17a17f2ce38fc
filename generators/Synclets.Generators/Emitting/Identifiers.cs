using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Synclets.Generators.Emitting;

/// <summary>Names and literals as generated code must write them.</summary>
internal static class Identifiers
{
    /// <summary>A name as an identifier: <c>@class</c> for a keyword.</summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>A C# string literal, quoted and escaped.</summary>
    public static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    /// <summary>A camelCase parameter name for a property, kept clear of keywords and of <paramref name="reserved"/>.</summary>
    public static string Parameter(string propertyName, params string[] reserved)
    {
        var name = char.ToLowerInvariant(propertyName[0]) + propertyName.Substring(1);
        foreach (var taken in reserved)
        {
            if (name == taken)
            {
                name += "Key";
            }
        }

        return Escape(name);
    }

    /// <summary>A type's name for messages: its fully qualified name without <c>global::</c>.</summary>
    public static string Readable(string fullyQualifiedName) =>
        fullyQualifiedName.StartsWith("global::", System.StringComparison.Ordinal) ? fullyQualifiedName.Substring("global::".Length) : fullyQualifiedName;

    /// <summary>Text for XML docs.</summary>
    public static string Xml(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
