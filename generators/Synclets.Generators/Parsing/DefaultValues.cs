using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Synclets.Generators.Parsing;

/// <summary>
/// A constructor parameter's default value as C# source (<c>3</c>, <c>"none"</c>,
/// <c>(global::Sample.Priority)1</c>), for a read row whose column has no atom: the record's own
/// default rather than the type's.
/// </summary>
internal static class DefaultValues
{
    /// <summary>The default as an expression of the parameter's type; null when it has none, or none written so.</summary>
    public static string? Of(IParameterSymbol parameter)
    {
        if (!parameter.HasExplicitDefaultValue || parameter.ExplicitDefaultValue is not { } value)
        {
            return null;   // no default, or null: a nullable column reads null anyway
        }

        var type = parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : parameter.Type;
        var typeName = Identity.FullyQualified(type);
        return value switch
        {
            string text => SymbolDisplay.FormatLiteral(text, quote: true),
            bool flag => flag ? "true" : "false",
            decimal number => number.ToString(CultureInfo.InvariantCulture) + "m",
            double number => Cast(typeName, number.ToString("R", CultureInfo.InvariantCulture) + "d"),
            float number => Cast(typeName, number.ToString("R", CultureInfo.InvariantCulture) + "f"),
            IConvertible number when IsInteger(value) => Cast(typeName, Convert.ToString(number, CultureInfo.InvariantCulture)),
            _ => null,
        };
    }

    // The operand in parentheses: "(E)-1" would read as a subtraction from E.
    private static string Cast(string typeName, string literal) => "(" + typeName + ")(" + literal + ")";

    private static bool IsInteger(object value) =>
        value is sbyte or byte or short or ushort or int or uint or long or ulong;
}
