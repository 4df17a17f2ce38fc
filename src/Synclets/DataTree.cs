namespace Synclets;

/// <summary>A snapshot of a synclet's data: nested dictionaries of ids down to atoms.</summary>
public sealed class DataTree : Tree<Atom>
{
    private DataTree(Dictionary<string, Tree<Atom>> children) : base(children)
    {
    }

    /// <summary>Builds a tree of the given depth from its leaves (every address has <paramref name="depth"/> ids).</summary>
    public static DataTree FromLeaves(IEnumerable<KeyValuePair<Address, Atom>> leaves, int depth) =>
        new(BuildChildren(leaves, depth));
}
