namespace Synclets.Browser.Connectors.IndexedDb;

/// <summary>
/// The stores of a Synclets IndexedDB database, keyed by address arrays. Atoms and timestamps are
/// two logical stores of one object store, <c>leaves</c>, whose records hold both of a leaf
/// (<c>[timestamp, atom]</c>): the module picks the field a logical store means.
/// </summary>
internal static class ObjectStore
{
    /// <summary>Atoms as JSON text, at leaf addresses (the second field of a leaf's record).</summary>
    public const string Atoms = "atoms";

    /// <summary>Timestamps, at leaf addresses (the first field; deleted atoms keep theirs).</summary>
    public const string Timestamps = "timestamps";

    /// <summary>The stored hash of each interior node, at its address (the root is <c>[]</c>).</summary>
    public const string Hashes = "hashes";

    /// <summary>Facts about the database itself: the depth of its tree.</summary>
    public const string About = "about";

    /// <summary>The object stores a database has, as the JSON array the module takes.</summary>
    public const string AllJson = """["leaves","hashes","about"]""";

    /// <summary>The stores a batch writes, as the JSON array the module takes.</summary>
    public const string BatchJson = """["atoms","timestamps","hashes"]""";
}
