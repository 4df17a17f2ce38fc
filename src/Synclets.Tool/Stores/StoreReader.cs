namespace Synclets.Tool.Stores;

/// <summary>
/// Reads a Synclets store without changing it: a SQLite file, a PostgreSQL database, a JSON tree
/// file, or a directory store. Anything else is a <see cref="ToolException"/> saying what it is.
/// </summary>
internal abstract class StoreReader : IAsyncDisposable
{
    /// <summary>The store as messages name it: a path, or a PostgreSQL database and host.</summary>
    public abstract string Name { get; }

    /// <summary>What kind of store it is: SQLite, PostgreSQL, JSON file, directory.</summary>
    public abstract string Kind { get; }

    /// <summary>The number of ids in an atom's address.</summary>
    public int Depth { get; protected set; }

    /// <summary>
    /// Opens <paramref name="store"/>: a PostgreSQL connection string if it has an '=', a directory
    /// store if it is a folder, a JSON tree file if it holds JSON, else a SQLite file.
    /// </summary>
    /// <param name="store">What the user named.</param>
    /// <param name="meta">For a JSON file or a directory store, its meta file or folder (timestamps), if given.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <exception cref="ToolException">It cannot be opened, or holds no Synclets tree.</exception>
    public static async Task<StoreReader> OpenAsync(string store, string? meta, CancellationToken cancellationToken)
    {
        if (Directory.Exists(store) || TreeFilesStoreReader.IsJsonFile(store))
        {
            return TreeFilesStoreReader.Open(store, meta, cancellationToken);
        }

        if (meta is not null)
        {
            throw new ToolException("--meta is for a JSON file or directory store; a SQLite or PostgreSQL store keeps its timestamps itself.");
        }

        return await SqlStoreReader.OpenAsync(store, cancellationToken);
    }

    /// <summary>How the store lays out its tree, in a few words.</summary>
    public abstract Task<string> DescribeLayoutAsync(CancellationToken cancellationToken);

    /// <summary>Every tree (scope) of the store: its atom and tombstone counts, root hash and newest timestamp.</summary>
    public abstract Task<List<ScopeSummary>> SummarizeAsync(CancellationToken cancellationToken);

    /// <summary>The one scope to read: the given one, or the store's only one.</summary>
    /// <exception cref="ToolException">No scope was given and the store holds several, or the given one is not there.</exception>
    public abstract Task<string> ChooseScopeAsync(string? scope, CancellationToken cancellationToken);

    /// <summary>The leaves of one scope under <paramref name="prefix"/>, deleted ones included, in address order.</summary>
    public abstract Task<List<StoreLeaf>> LeavesAsync(string scope, IReadOnlyList<string> prefix, CancellationToken cancellationToken);

    /// <summary>The hash of every interior node of one scope (stored, or derived from its timestamps), by its ids joined with '/'.</summary>
    public abstract Task<Dictionary<string, long>> HashesAsync(string scope, CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    /// <summary>The error for an address deeper than the tree.</summary>
    protected ToolException TooDeep(IReadOnlyList<string> prefix) =>
        new($"The address has {prefix.Count} ids, but {Name} holds a tree of depth {Depth}.");
}
