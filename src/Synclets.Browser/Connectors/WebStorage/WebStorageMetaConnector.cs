using System.Runtime.Versioning;
using Synclets.Connectors;
using Synclets.Connectors.Memory;
using Synclets.Hashing;

namespace Synclets.Browser.Connectors.WebStorage;

/// <summary>
/// Keeps a synclet's timestamps in memory and, as JSON, in one Web Storage item rewritten once per
/// batch. Interior hashes are kept in memory only: they follow from the timestamps, and are
/// rebuilt from them when the item is read.
/// </summary>
[SupportedOSPlatform("browser")]
public abstract class WebStorageMetaConnector : MetaConnector
{
    private readonly MemoryMetaConnector _tree;
    private readonly WebStorageItem _item;
    private readonly WebStorageBatch _batch;

    private protected WebStorageMetaConnector(WebStorageArea area, int depth, string storageName, WebStorageCommit? commit = null) : base(depth)
    {
        ArgumentException.ThrowIfNullOrEmpty(storageName);
        _tree = new MemoryMetaConnector(depth);
        _item = new WebStorageItem(area, storageName);
        _batch = new WebStorageBatch(_tree, _item, commit ?? new WebStorageCommit(), async () => TreeJson.Write((await _tree.GetMetaAsync().ConfigureAwait(false)).Leaves(), depth, static (writer, timestamp) => writer.WriteStringValue(timestamp)));
    }

    /// <summary>The Web Storage area the timestamps are kept in.</summary>
    public WebStorageArea Area => _item.Area;

    /// <summary>The key of the item holding the timestamps.</summary>
    public string StorageName => _item.StorageName;

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The item holds something other than a tree of timestamps of this depth; it is left unchanged.</exception>
    public override async Task AttachAsync(ConnectorAttachContext context, CancellationToken cancellationToken = default)
    {
        if (await _item.ReadAsync(cancellationToken).ConfigureAwait(false) is not { } text)
        {
            return;
        }

        var leaves = TreeJson.Read<string>(text, Depth, TreeJson.ReadTimestamp, what => _item.Damaged(what, Depth));
        var hashes = new Dictionary<Address, uint>();
        await _tree.BeginBatchAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (address, timestamp) in leaves)
        {
            await _tree.WriteTimestampAsync(address, timestamp, cancellationToken).ConfigureAwait(false);
            var hash = Fnv1a.HashTimestamp(timestamp);
            for (var parent = address.Parent; ; parent = parent.Parent)
            {
                hashes[parent] = hashes.GetValueOrDefault(parent) ^ hash;
                if (parent.IsRoot)
                {
                    break;
                }
            }
        }

        foreach (var (parent, hash) in hashes)
        {
            await _tree.WriteHashAsync(parent, hash, cancellationToken).ConfigureAwait(false);
        }

        await _tree.CommitBatchAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override ValueTask<string> ReadTimestampAsync(Address address, CancellationToken cancellationToken = default) =>
        _tree.ReadTimestampAsync(address, cancellationToken);

    /// <inheritdoc />
    public override async ValueTask WriteTimestampAsync(Address address, string timestamp, CancellationToken cancellationToken = default)
    {
        await _batch.WriteAsync(async () => await _tree.WriteTimestampAsync(address, timestamp, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(Address parentAddress, CancellationToken cancellationToken = default) =>
        _tree.ReadChildIdsAsync(parentAddress, cancellationToken);

    /// <inheritdoc />
    public override ValueTask<uint> ReadHashAsync(Address parentAddress, CancellationToken cancellationToken = default) =>
        _tree.ReadHashAsync(parentAddress, cancellationToken);

    /// <inheritdoc />
    public override ValueTask WriteHashAsync(Address parentAddress, uint hash, CancellationToken cancellationToken = default) =>
        _tree.WriteHashAsync(parentAddress, hash, cancellationToken);

    /// <inheritdoc />
    public override ValueTask<IReadOnlyDictionary<string, string>> ReadTimestampsAsync(Address leafParentAddress, CancellationToken cancellationToken = default) =>
        _tree.ReadTimestampsAsync(leafParentAddress, cancellationToken);

    /// <inheritdoc />
    public override Task<MetaTree> GetMetaAsync(CancellationToken cancellationToken = default) => _tree.GetMetaAsync(cancellationToken);

    /// <inheritdoc />
    public override Task BeginBatchAsync(CancellationToken cancellationToken = default) => _batch.BeginAsync(cancellationToken);

    /// <inheritdoc />
    /// <exception cref="WebStorageQuotaExceededException">The item no longer fits: the batch is rolled back, and the items keep their old trees.</exception>
    public override Task CommitBatchAsync(CancellationToken cancellationToken = default) => _batch.CommitAsync();

    /// <inheritdoc />
    public override Task RollbackBatchAsync(CancellationToken cancellationToken = default) => _batch.RollbackAsync(cancellationToken);
}
