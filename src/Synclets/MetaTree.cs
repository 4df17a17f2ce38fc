namespace Synclets;

/// <summary>
/// A snapshot of a synclet's metadata: nested dictionaries of ids down to timestamps, deleted
/// atoms (tombstones) included.
/// </summary>
public sealed class MetaTree : Tree<string>
{
    private MetaTree(Dictionary<string, Tree<string>> children) : base(children)
    {
    }

    /// <summary>Builds a tree of the given depth from its leaves (every address has <paramref name="depth"/> ids).</summary>
    public static MetaTree FromLeaves(IEnumerable<KeyValuePair<Address, string>> leaves, int depth) =>
        new(BuildChildren(leaves, depth));
}
