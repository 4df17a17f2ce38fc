using System.Runtime.Versioning;
using Synclets.Connectors;

namespace Synclets.Browser.Connectors.IndexedDb;

/// <summary>
/// Keeps a synclet's timestamps and interior hashes in IndexedDB. Made by
/// <see cref="IndexedDbStore.CreateConnectors"/> with its data connector; the two commit together.
/// </summary>
[SupportedOSPlatform("browser")]
public sealed class IndexedDbMetaConnector : MetaConnector
{
    private readonly IndexedDbStore _store;

    /// <summary>Creates the meta connector of <paramref name="store"/> for a tree of <paramref name="depth"/> levels.</summary>
    public IndexedDbMetaConnector(IndexedDbStore store, int depth) : base(depth)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>The database this connector keeps its metadata in.</summary>
    public IndexedDbStore Store => _store;

    /// <inheritdoc />
    public override Task AttachAsync(ConnectorAttachContext context, CancellationToken cancellationToken = default) =>
        _store.OpenAsync(Depth, cancellationToken);

    /// <inheritdoc />
    public override Task DetachAsync(CancellationToken cancellationToken = default)
    {
        _store.Release();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async ValueTask<string> ReadTimestampAsync(Address address, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        return await _store.ReadLeafAsync(ObjectStore.Timestamps, address).ConfigureAwait(false) ?? string.Empty;
    }

    /// <inheritdoc />
    public override ValueTask WriteTimestampAsync(Address address, string timestamp, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        ArgumentNullException.ThrowIfNull(timestamp);
        return _store.WriteLeafAsync(ObjectStore.Timestamps, address, timestamp);
    }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(Address parentAddress, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        return _store.ReadChildIdsAsync(ObjectStore.Timestamps, parentAddress);
    }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyDictionary<string, string>> ReadTimestampsAsync(Address leafParentAddress, CancellationToken cancellationToken = default)
    {
        EnsureParent(leafParentAddress);
        return _store.ReadLeavesAsync(ObjectStore.Timestamps, leafParentAddress);
    }

    /// <inheritdoc />
    public override ValueTask<uint> ReadHashAsync(Address parentAddress, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        return _store.ReadHashAsync(parentAddress);
    }

    /// <inheritdoc />
    public override ValueTask WriteHashAsync(Address parentAddress, uint hash, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        return _store.WriteHashAsync(parentAddress, hash);
    }

    /// <inheritdoc />
    public override ValueTask ApplyHashDeltasAsync(IReadOnlyList<KeyValuePair<Address, uint>> deltas, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        return _store.ApplyHashDeltasAsync(deltas);
    }

    /// <summary>Reads the atoms and timestamps of those leaf parents ahead, in one IndexedDB transaction.</summary>
    public override void ExpectLeafParents(Address parentAddress, IReadOnlyList<string> childIds)
    {
        ArgumentNullException.ThrowIfNull(childIds);
        _store.ExpectLeafParents(parentAddress, childIds);
    }

    /// <inheritdoc />
    public override Task BeginBatchAsync(CancellationToken cancellationToken = default)
    {
        _store.Begin(this);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task CommitBatchAsync(CancellationToken cancellationToken = default) => _store.CommitAsync(this);

    /// <inheritdoc />
    public override Task RollbackBatchAsync(CancellationToken cancellationToken = default)
    {
        _store.Rollback(this);
        return Task.CompletedTask;
    }
}
