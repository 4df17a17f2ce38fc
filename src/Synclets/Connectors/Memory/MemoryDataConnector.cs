
namespace Synclets.Connectors.Memory;

/// <summary>Keeps a synclet's atoms in process memory. Useful for tests, caches and relays.</summary>
public sealed class MemoryDataConnector : DataConnector
{
    private readonly MemoryTree<Atom> _tree = new();

    /// <summary>Creates an empty in-memory data store for a tree of <paramref name="depth"/> levels.</summary>
    public MemoryDataConnector(int depth) : base(depth)
    {
    }

    /// <inheritdoc />
    public override ValueTask<Atom?> ReadAtomAsync(Address address, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        return ValueTask.FromResult(_tree.TryGetLeaf(address, out var atom) ? atom : (Atom?)null);
    }

    /// <inheritdoc />
    public override ValueTask WriteAtomAsync(Address address, Atom atom, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        _tree.SetLeaf(address, atom);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask RemoveAtomAsync(Address address, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        _tree.RemoveLeaf(address);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(Address parentAddress, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        return ValueTask.FromResult(_tree.GetChildIds(parentAddress));
    }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyDictionary<string, Atom>> ReadAtomsAsync(Address leafParentAddress, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_tree.GetLeaves(leafParentAddress));

    /// <inheritdoc />
    public override Task<DataTree> GetDataAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(DataTree.FromLeaves(_tree.GetAllLeaves(), Depth));

    /// <inheritdoc />
    public override Task BeginBatchAsync(CancellationToken cancellationToken = default)
    {
        _tree.BeginBatch();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task CommitBatchAsync(CancellationToken cancellationToken = default)
    {
        _tree.CommitBatch();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task RollbackBatchAsync(CancellationToken cancellationToken = default)
    {
        _tree.RollbackBatch();
        return Task.CompletedTask;
    }
}
