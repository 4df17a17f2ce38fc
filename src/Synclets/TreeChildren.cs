namespace Synclets;

/// <summary>One page of the children of a parent address (see <see cref="Synclet.ListChildrenAsync"/>).</summary>
/// <param name="Address">The parent address.</param>
/// <param name="Children">The children, in ordinal order of their ids.</param>
/// <param name="HasMore">Whether children after the last one listed remain (ask again with it as <c>after</c>).</param>
public sealed record TreeChildren(Address Address, IReadOnlyList<TreeChild> Children, bool HasMore);

/// <summary>A child in a <see cref="TreeChildren"/> page: a leaf with its atom and timestamp, or a parent with its hash.</summary>
/// <param name="Id">The child's id.</param>
/// <param name="IsLeaf">Whether the child is an atom's address (else a parent's).</param>
/// <param name="Atom">The atom of a leaf; null for a parent or a deleted atom.</param>
/// <param name="Timestamp">When a leaf was last written or deleted; null for a parent.</param>
/// <param name="Hash">The hash of a parent's subtree; null for a leaf.</param>
public sealed record TreeChild(string Id, bool IsLeaf, Atom? Atom, string? Timestamp, uint? Hash);
