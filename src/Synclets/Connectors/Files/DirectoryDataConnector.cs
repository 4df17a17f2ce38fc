namespace Synclets.Connectors.Files;

/// <summary>
/// Keeps a synclet's atoms as one file per atom under a folder, a folder per id on the way, as the
/// TypeScript Synclets' directory data connector does, so the same folder opens in either (for ids
/// their encoding can hold). Any id is a safe name (see the README): nothing is ever written outside
/// the folder, and folders left empty by a deletion are removed. Suits trees whose atoms change one at a time.
/// </summary>
public sealed class DirectoryDataConnector : DataConnector
{
    private readonly DirectoryTreeStore<Atom> _store;

    /// <summary>A connector on the folder <paramref name="directory"/> (created if missing) for a tree of <paramref name="depth"/> levels.</summary>
    public DirectoryDataConnector(string directory, int depth) : base(depth)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _store = new DirectoryTreeStore<Atom>(directory, depth, JsonTreeFile.TryReadAtom, JsonTreeFile.WriteAtom);
    }

    /// <summary>The folder's full path.</summary>
    public string Directory => _store.Root;

    /// <inheritdoc />
    public override Task AttachAsync(ConnectorAttachContext context, CancellationToken cancellationToken = default)
    {
        _store.Open();
        return base.AttachAsync(context, cancellationToken);
    }

    /// <inheritdoc />
    public override ValueTask<Atom?> ReadAtomAsync(Address address, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        return ValueTask.FromResult(_store.TryRead(address, out var atom) ? atom : (Atom?)null);
    }

    /// <inheritdoc />
    public override ValueTask WriteAtomAsync(Address address, Atom atom, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        _store.Write(address, atom);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask RemoveAtomAsync(Address address, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        _store.Remove(address);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(Address parentAddress, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        return ValueTask.FromResult(_store.ChildIds(parentAddress));
    }

    /// <inheritdoc />
    public override Task<DataTree> GetDataAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(DataTree.FromLeaves(_store.AllLeaves(), Depth));

    /// <inheritdoc />
    public override Task BeginBatchAsync(CancellationToken cancellationToken = default)
    {
        _store.Begin();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task CommitBatchAsync(CancellationToken cancellationToken = default)
    {
        _store.Commit();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task RollbackBatchAsync(CancellationToken cancellationToken = default)
    {
        _store.Rollback();
        return Task.CompletedTask;
    }
}
