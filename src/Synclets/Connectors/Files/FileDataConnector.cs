namespace Synclets.Connectors.Files;

/// <summary>
/// Keeps a synclet's atoms in one JSON file, as the TypeScript Synclets' file data connector does
/// (nested objects of atoms), so the same file opens in either. The tree is held in memory; each
/// batch the synclet commits (a received message, a local write) rewrites the file atomically, so
/// a process killed at any moment leaves the old file or the new one. Suits small and medium trees.
/// </summary>
public sealed class FileDataConnector : DataConnector
{
    private readonly TreeFileStore<Atom> _store;

    /// <summary>A connector on <paramref name="path"/> (created on the first write) for a tree of <paramref name="depth"/> levels.</summary>
    public FileDataConnector(string path, int depth) : base(depth)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _store = new TreeFileStore<Atom>(path, depth, JsonTreeFile.TryReadAtom, JsonTreeFile.WriteAtom, "an atom");
    }

    /// <summary>The file's full path.</summary>
    public string Path => _store.Path;

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The file is damaged (not JSON, or not a tree of this depth); it is left untouched.</exception>
    public override Task AttachAsync(ConnectorAttachContext context, CancellationToken cancellationToken = default)
    {
        _store.Load();
        return base.AttachAsync(context, cancellationToken);
    }

    /// <inheritdoc />
    public override ValueTask<Atom?> ReadAtomAsync(Address address, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        return ValueTask.FromResult(_store.Tree.TryGetLeaf(address, out var atom) ? atom : (Atom?)null);
    }

    /// <inheritdoc />
    public override async ValueTask WriteAtomAsync(Address address, Atom atom, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        _store.Tree.SetLeaf(address, atom);
        await _store.ChangedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async ValueTask RemoveAtomAsync(Address address, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        _store.Tree.RemoveLeaf(address);
        await _store.ChangedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(Address parentAddress, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        return ValueTask.FromResult(_store.Tree.GetChildIds(parentAddress));
    }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyDictionary<string, Atom>> ReadAtomsAsync(Address leafParentAddress, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_store.Tree.GetLeaves(leafParentAddress));

    /// <inheritdoc />
    public override Task<DataTree> GetDataAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(DataTree.FromLeaves(_store.Tree.GetAllLeaves(), Depth));

    /// <inheritdoc />
    public override Task BeginBatchAsync(CancellationToken cancellationToken = default)
    {
        _store.Begin();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task CommitBatchAsync(CancellationToken cancellationToken = default) => _store.CommitAsync(cancellationToken);

    /// <inheritdoc />
    public override Task RollbackBatchAsync(CancellationToken cancellationToken = default)
    {
        _store.Rollback();
        return Task.CompletedTask;
    }
}
