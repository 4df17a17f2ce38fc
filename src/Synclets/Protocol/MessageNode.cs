namespace Synclets.Protocol;

/// <summary>
/// The payload of a protocol v1 message, at the message's address. Leaf addresses carry a
/// <see cref="TimestampNode"/> or <see cref="TimestampAndAtomNode"/>; parent addresses carry a
/// <see cref="HashNode"/> or <see cref="SubNodesNode"/>.
/// </summary>
public abstract record MessageNode
{
    private protected MessageNode()
    {
    }

    /// <summary>Whether this kind of node belongs at a parent address (rather than a leaf).</summary>
    public abstract bool IsParentNode { get; }
}

/// <summary>A leaf's timestamp ("" = never written): "here is what I have; compare".</summary>
/// <param name="Timestamp">The sender's timestamp for the leaf.</param>
public sealed record TimestampNode(string Timestamp) : MessageNode
{
    /// <inheritdoc />
    public override bool IsParentNode => false;
}

/// <summary>A leaf's timestamp and value; a null <paramref name="Atom"/> means deleted.</summary>
/// <param name="Timestamp">The timestamp of the write or deletion.</param>
/// <param name="Atom">The value, or null when the atom is deleted (JSON: U+FFFC).</param>
public sealed record TimestampAndAtomNode(string Timestamp, Atom? Atom) : MessageNode
{
    /// <inheritdoc />
    public override bool IsParentNode => false;
}

/// <summary>A parent's hash: the XOR of its children's hashes.</summary>
/// <param name="Hash">The unsigned 32-bit hash.</param>
public sealed record HashNode(uint Hash) : MessageNode
{
    /// <inheritdoc />
    public override bool IsParentNode => true;
}

/// <summary>A parent's children, each with a node of its own.</summary>
/// <param name="Children">The child nodes by id, in the order they were written.</param>
/// <param name="IsPartial">
/// True when the sender left out children it had (so their absence says nothing).
/// </param>
public sealed record SubNodesNode(IReadOnlyDictionary<string, MessageNode> Children, bool IsPartial = false) : MessageNode
{
    /// <inheritdoc />
    public override bool IsParentNode => true;

    /// <summary>Structural equality: same partial flag and the same children with equal nodes.</summary>
    public bool Equals(SubNodesNode? other) =>
        other is not null
        && IsPartial == other.IsPartial
        && Children.Count == other.Children.Count
        && Children.All(pair => other.Children.TryGetValue(pair.Key, out var node) && node.Equals(pair.Value));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(IsPartial, Children.Count);
}
