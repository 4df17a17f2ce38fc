namespace Synclets.Protocol;

/// <summary>
/// The children of one parent as a given peer may see them. At a leaf's parent it carries the
/// bulk-loaded leaves, so every child is answered from one read of the store.
/// </summary>
/// <param name="Address">The parent's address.</param>
/// <param name="Leaves">The leaves, when the children are leaves; null for interior children.</param>
/// <param name="Ids">Every child id this synclet holds.</param>
/// <param name="Visible">The ids the peer may see, or null when it may see all.</param>
internal sealed record ChildListing(Address Address, LeafParentView? Leaves, IEnumerable<string> Ids, HashSet<string>? Visible)
{
    /// <summary>Whether the peer may see child <paramref name="id"/>.</summary>
    public bool IsVisible(string id) => Visible?.Contains(id) != false;

    /// <summary>The child ids this synclet holds that the peer may see.</summary>
    public IEnumerable<string> VisibleIds => Visible is null ? Ids : Ids.Where(Visible.Contains);

    /// <summary>Whether some child this synclet holds is hidden from the peer.</summary>
    public bool HidesSome => Visible is not null && Ids.Any(id => !Visible.Contains(id));
}
