namespace Synclets.Connectors.Files;

/// <summary>
/// Keeps a synclet's timestamps in one JSON file, as the TypeScript Synclets' file meta connector
/// does (nested objects of timestamp strings; a deleted atom keeps its timestamp), so the same
/// file opens in either. Hashes are not in the file: they are computed from the timestamps when
/// the connector attaches and kept in memory. Written atomically once per committed batch, like
/// <see cref="FileDataConnector"/>.
/// </summary>
public sealed class FileMetaConnector : MetaConnector
{
    private readonly TreeFileStore<string> _store;

    /// <summary>A connector on <paramref name="path"/> (created on the first write) for a tree of <paramref name="depth"/> levels.</summary>
    public FileMetaConnector(string path, int depth) : base(depth)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _store = new TreeFileStore<string>(path, depth, JsonTreeFile.TryReadTimestamp, static (json, timestamp) => json.WriteStringValue(timestamp), "a timestamp (a 16-character string)");
    }

    /// <summary>The file's full path.</summary>
    public string Path => _store.Path;

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The file is damaged (not JSON, or not a tree of timestamps of this depth); it is left untouched.</exception>
    public override Task AttachAsync(ConnectorAttachContext context, CancellationToken cancellationToken = default)
    {
        var hashes = DerivedHashes.Of(_store.Load());
        foreach (var (parent, hash) in hashes)
        {
            _store.Tree.SetHash(parent, hash);
        }

        return base.AttachAsync(context, cancellationToken);
    }

    /// <inheritdoc />
    public override ValueTask<string> ReadTimestampAsync(Address address, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        return ValueTask.FromResult(_store.Tree.TryGetLeaf(address, out var timestamp) ? timestamp : string.Empty);
    }

    /// <inheritdoc />
    public override async ValueTask WriteTimestampAsync(Address address, string timestamp, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        _store.Tree.SetLeaf(address, timestamp);
        await _store.ChangedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(Address parentAddress, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        return ValueTask.FromResult(_store.Tree.GetChildIds(parentAddress));
    }

    /// <inheritdoc />
    public override ValueTask<uint> ReadHashAsync(Address parentAddress, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        return ValueTask.FromResult(_store.Tree.GetHash(parentAddress));
    }

    /// <inheritdoc />
    public override ValueTask WriteHashAsync(Address parentAddress, uint hash, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        _store.Tree.SetHash(parentAddress, hash); // kept in memory only: the file holds timestamps, as TypeScript's does
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyDictionary<string, string>> ReadTimestampsAsync(Address leafParentAddress, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_store.Tree.GetLeaves(leafParentAddress));

    /// <inheritdoc />
    public override Task<MetaTree> GetMetaAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(MetaTree.FromLeaves(_store.Tree.GetAllLeaves(), Depth));

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
