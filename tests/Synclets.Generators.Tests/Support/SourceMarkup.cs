using Microsoft.CodeAnalysis.Text;

namespace Synclets.Generators.Tests.Support;

/// <summary>Test sources with the expected diagnostic span marked as <c>[|…|]</c>.</summary>
internal static class SourceMarkup
{
    public static (string Source, TextSpan Span) Parse(string markup)
    {
        var start = markup.IndexOf("[|", StringComparison.Ordinal);
        var end = markup.IndexOf("|]", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "The test source marks no span with [| and |].");
        var source = markup.Remove(end, 2).Remove(start, 2);
        return (source, TextSpan.FromBounds(start, end - 2));
    }
}
