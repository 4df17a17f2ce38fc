using System.Text.Json;
using Synclets.Connectors.Memory;

namespace Synclets.Connectors.Files;

/// <summary>
/// The tree of a file connector: held in memory, read from its file when the connector attaches,
/// and written back whole, atomically, once per committed batch (a write outside a batch is
/// written at once). A batch that fails is rolled back in memory and the file keeps what it had.
/// </summary>
internal sealed class TreeFileStore<TLeaf>(string path, int depth, JsonTreeFile.LeafReader<TLeaf> readLeaf, Action<Utf8JsonWriter, TLeaf> writeLeaf, string leafKind)
{
    /// <summary>Told, just before the file is written, what it will hold (set by a connector that watches the file).</summary>
    public Action<List<KeyValuePair<Address, TLeaf>>>? Saving { get; set; }

    private bool _inBatch;
    private bool _changed;

    public MemoryTree<TLeaf> Tree { get; } = new();

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>
    /// Reads the file (a missing or empty file is an empty tree); a damaged one is an error, and is
    /// left as it is. Temporary files a killed process left beside it are deleted.
    /// </summary>
    public IReadOnlyList<KeyValuePair<Address, TLeaf>> Load()
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        foreach (var leftover in Directory.EnumerateFiles(directory, AtomicFile.TemporaryPattern(Path)))
        {
            File.Delete(leftover);
        }

        if (!File.Exists(Path))
        {
            return [];
        }

        var leaves = JsonTreeFile.Read(Path, depth, readLeaf, leafKind);
        foreach (var (address, leaf) in leaves)
        {
            Tree.SetLeaf(address, leaf);
        }

        return leaves;
    }

    /// <summary>Call after each change: written at once outside a batch, at its commit inside one.</summary>
    public Task ChangedAsync(CancellationToken cancellationToken)
    {
        _changed = true;
        return _inBatch ? Task.CompletedTask : SaveAsync(cancellationToken);
    }

    public void Begin()
    {
        Tree.BeginBatch();
        _inBatch = true;
    }

    /// <summary>Writes the file first: should that fail, the batch is still open and rolls back.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_changed)
        {
            await SaveAsync(cancellationToken).ConfigureAwait(false);
        }

        Tree.CommitBatch();
        _inBatch = false;
    }

    public void Rollback()
    {
        Tree.RollbackBatch();
        (_inBatch, _changed) = (false, false);
    }

    /// <summary>Reads the file as it is now (for a connector that watches it).</summary>
    public List<KeyValuePair<Address, TLeaf>> ReadFile() => File.Exists(Path) ? JsonTreeFile.Read(Path, depth, readLeaf, leafKind) : [];

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        Saving?.Invoke(Tree.GetAllLeaves());
        await JsonTreeFile.WriteAsync(Path, depth, Tree.GetChildIds, Tree.GetLeaves, writeLeaf, cancellationToken).ConfigureAwait(false);
        _changed = false;
    }
}
