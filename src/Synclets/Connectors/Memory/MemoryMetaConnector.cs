
namespace Synclets.Connectors.Memory;

/// <summary>Keeps a synclet's timestamps and interior hashes in process memory.</summary>
public sealed class MemoryMetaConnector : MetaConnector
{
    private readonly MemoryTree<string> _tree = new();

    /// <summary>Creates an empty in-memory meta store for a tree of <paramref name="depth"/> levels.</summary>
    public MemoryMetaConnector(int depth) : base(depth)
    {
    }

    /// <inheritdoc />
    public override ValueTask<string> ReadTimestampAsync(Address address, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        return ValueTask.FromResult(_tree.TryGetLeaf(address, out var timestamp) ? timestamp : string.Empty);
    }

    /// <inheritdoc />
    public override ValueTask WriteTimestampAsync(Address address, string timestamp, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        ArgumentNullException.ThrowIfNull(timestamp);
        _tree.SetLeaf(address, timestamp);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(Address parentAddress, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        return ValueTask.FromResult(_tree.GetChildIds(parentAddress));
    }

    /// <inheritdoc />
    public override ValueTask<uint> ReadHashAsync(Address parentAddress, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        return ValueTask.FromResult(_tree.GetHash(parentAddress));
    }

    /// <inheritdoc />
    public override ValueTask WriteHashAsync(Address parentAddress, uint hash, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        _tree.SetHash(parentAddress, hash);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyDictionary<string, string>> ReadTimestampsAsync(Address leafParentAddress, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_tree.GetLeaves(leafParentAddress));

    /// <inheritdoc />
    public override Task<MetaTree> GetMetaAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(MetaTree.FromLeaves(_tree.GetAllLeaves(), Depth));

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
