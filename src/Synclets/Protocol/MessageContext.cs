using System.Collections.Frozen;

namespace Synclets.Protocol;

/// <summary>Helpers for the string-to-atom context that travels with every message.</summary>
public static class MessageContext
{
    /// <summary>The empty context.</summary>
    public static IReadOnlyDictionary<string, Atom> Empty { get; } = FrozenDictionary<string, Atom>.Empty;
}
