using Microsoft.CodeAnalysis;

namespace Synclets.Generators.Parsing;

/// <summary>Accessibility as C# writes it, for members whose generated part must repeat it.</summary>
internal static class Accessibilities
{
    public static string Text(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };
}
