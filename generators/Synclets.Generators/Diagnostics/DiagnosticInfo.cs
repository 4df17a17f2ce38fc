using Microsoft.CodeAnalysis;
using Synclets.Generators.Model;

namespace Synclets.Generators.Diagnostics;

/// <summary>
/// A diagnostic as equatable values, carried through the pipeline and reported from its own
/// output so that source generation stays cached while diagnostics are re-reported.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArguments) =>
        new(descriptor, location, messageArguments.ToEquatableArray());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, System.Linq.Enumerable.ToArray<object>(MessageArguments));
}
