namespace Synclets.Browser.Connectors.IndexedDb;

/// <summary>The object stores of a Synclets IndexedDB database; each is keyed by address arrays.</summary>
internal static class ObjectStore
{
    /// <summary>Atoms as JSON text, at leaf addresses.</summary>
    public const string Atoms = "atoms";

    /// <summary>Timestamps, at leaf addresses (deleted atoms keep theirs).</summary>
    public const string Timestamps = "timestamps";

    /// <summary>The stored hash of each interior node, at its address (the root is <c>[]</c>).</summary>
    public const string Hashes = "hashes";

    /// <summary>Facts about the database itself: the depth of its tree.</summary>
    public const string About = "about";

    /// <summary>All of them, as the JSON array the module takes.</summary>
    public const string AllJson = """["atoms","timestamps","hashes","about"]""";

    /// <summary>The stores a batch writes, as the JSON array the module takes.</summary>
    public const string BatchJson = """["atoms","timestamps","hashes"]""";
}
