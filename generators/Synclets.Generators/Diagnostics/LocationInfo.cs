using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Synclets.Generators.Diagnostics;

/// <summary>
/// A <see cref="Location"/> reduced to values: a Location holds its syntax tree, and a model
/// holding it would never compare equal across compilations.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());

    public static LocationInfo? From(SyntaxToken token) => From(token.GetLocation());

    public static LocationInfo? From(Location? location) =>
        location?.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}
