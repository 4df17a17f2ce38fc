namespace Synclets.Tool.Stores;

/// <summary>One row of a store's leaf table: the atom's ids, its JSON (null once deleted), its timestamp.</summary>
internal sealed record StoreLeaf(string[] Ids, string? AtomJson, string? Timestamp)
{
    /// <summary>The address as the tool prints it: <c>todos/t1/title</c>.</summary>
    public string Path => string.Join('/', Ids);
}
