namespace Synclets.Connectors.Files;

/// <summary>
/// Keeps a synclet's timestamps as one file per atom under a folder, as the TypeScript Synclets'
/// directory meta connector does (a deleted atom keeps its file). Hashes are not in the folder:
/// they are computed from the timestamps when the connector attaches and kept in memory. Ids are
/// encoded as by <see cref="DirectoryDataConnector"/>.
/// </summary>
public sealed class DirectoryMetaConnector : MetaConnector
{
    private readonly DirectoryTreeStore<string> _store;
    private readonly Dictionary<Address, uint> _hashes = [];
    private readonly Dictionary<Address, uint> _hashesBefore = [];
    private bool _inBatch;

    /// <summary>A connector on the folder <paramref name="directory"/> (created if missing) for a tree of <paramref name="depth"/> levels.</summary>
    public DirectoryMetaConnector(string directory, int depth) : base(depth)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _store = new DirectoryTreeStore<string>(directory, depth, JsonTreeFile.TryReadTimestamp, static (json, timestamp) => json.WriteStringValue(timestamp));
    }

    /// <summary>The folder's full path.</summary>
    public string Directory => _store.Root;

    /// <inheritdoc />
    public override Task AttachAsync(ConnectorAttachContext context, CancellationToken cancellationToken = default)
    {
        _store.Open();
        foreach (var (parent, hash) in DerivedHashes.Of(_store.AllLeaves()))
        {
            _hashes[parent] = hash;
        }

        return base.AttachAsync(context, cancellationToken);
    }

    /// <inheritdoc />
    public override ValueTask<string> ReadTimestampAsync(Address address, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        return ValueTask.FromResult(_store.TryRead(address, out var timestamp) ? timestamp : string.Empty);
    }

    /// <inheritdoc />
    public override ValueTask WriteTimestampAsync(Address address, string timestamp, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        _store.Write(address, timestamp);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(Address parentAddress, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        return ValueTask.FromResult(_store.ChildIds(parentAddress));
    }

    /// <inheritdoc />
    public override ValueTask<uint> ReadHashAsync(Address parentAddress, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        return ValueTask.FromResult(_hashes.GetValueOrDefault(parentAddress));
    }

    /// <inheritdoc />
    public override ValueTask WriteHashAsync(Address parentAddress, uint hash, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        if (_inBatch && !_hashesBefore.ContainsKey(parentAddress))
        {
            _hashesBefore[parentAddress] = _hashes.GetValueOrDefault(parentAddress);
        }

        _hashes[parentAddress] = hash;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override Task<MetaTree> GetMetaAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(MetaTree.FromLeaves(_store.AllLeaves(), Depth));

    /// <inheritdoc />
    public override Task BeginBatchAsync(CancellationToken cancellationToken = default)
    {
        _store.Begin();
        _inBatch = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task CommitBatchAsync(CancellationToken cancellationToken = default)
    {
        _store.Commit();
        _inBatch = false;
        _hashesBefore.Clear();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task RollbackBatchAsync(CancellationToken cancellationToken = default)
    {
        _store.Rollback();
        foreach (var (parent, hash) in _hashesBefore)
        {
            _hashes[parent] = hash;
        }

        _hashesBefore.Clear();
        _inBatch = false;
        return Task.CompletedTask;
    }
}
