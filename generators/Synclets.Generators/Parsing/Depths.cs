using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Synclets.Generators.Parsing;

/// <summary>The declared depth of a [Synclet] type, and the wording diagnostics use for depths and keys.</summary>
internal static class Depths
{
    /// <summary>The <c>Depth</c> named argument; 0 (infer) when absent.</summary>
    public static int Declared(AttributeData synclet)
    {
        foreach (var argument in synclet.NamedArguments)
        {
            if (argument.Key == KnownTypes.DepthArgument && argument.Value.Value is int depth)
            {
                return depth;
            }
        }

        return 0;
    }

    public static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    public static string Keys(int count) => count == 1 ? "1 key" : Text(count) + " keys";
}
