namespace Synclets.Protocol;

/// <summary>
/// A protocol v1 message: <c>[version, type, depth, address, node, context]</c>.
/// </summary>
/// <param name="Depth">The depth of the sender's tree.</param>
/// <param name="Address">Where in the tree <paramref name="Node"/> sits.</param>
/// <param name="Node">The payload.</param>
/// <param name="Context">The sender's context (auth, tenancy, tracing).</param>
public sealed record Message(int Depth, Address Address, MessageNode Node, IReadOnlyDictionary<string, Atom> Context)
{
    /// <summary>The only protocol version.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The only message type: a node.</summary>
    public const int NodeType = 0;

    /// <summary>The version the message declared (only 1 is accepted).</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The type the message declared (only 0 is accepted).</summary>
    public int Type { get; init; } = NodeType;

    /// <summary>Structural equality, comparing the context entry by entry.</summary>
    public bool Equals(Message? other) =>
        other is not null
        && Version == other.Version
        && Type == other.Type
        && Depth == other.Depth
        && Address == other.Address
        && Node.Equals(other.Node)
        && Context.Count == other.Context.Count
        && Context.All(pair => other.Context.TryGetValue(pair.Key, out var atom) && atom == pair.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Version, Type, Depth, Address, Node);
}
