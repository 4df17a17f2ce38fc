using System.Runtime.Versioning;
using Synclets.Connectors;
using Synclets.Connectors.Memory;

namespace Synclets.Browser.Connectors.WebStorage;

/// <summary>
/// Keeps a synclet's atoms in memory and the whole tree, as JSON, in one Web Storage item, rewritten
/// once per batch in one call (so the browser stores all of it or none). For small trees: the
/// origin's quota is about 5 MB; larger data belongs in <see cref="IndexedDb.IndexedDbStore"/>.
/// </summary>
[SupportedOSPlatform("browser")]
public abstract class WebStorageDataConnector : DataConnector
{
    private readonly MemoryDataConnector _tree;
    private readonly WebStorageItem _item;
    private readonly WebStorageBatch _batch;

    private protected WebStorageDataConnector(WebStorageArea area, int depth, string storageName, WebStorageCommit? commit = null) : base(depth)
    {
        ArgumentException.ThrowIfNullOrEmpty(storageName);
        _tree = new MemoryDataConnector(depth);
        _item = new WebStorageItem(area, storageName);
        _batch = new WebStorageBatch(_tree, _item, commit ?? new WebStorageCommit(), async () => TreeJson.Write((await _tree.GetDataAsync().ConfigureAwait(false)).Leaves(), depth, TreeJson.WriteAtom));
    }

    /// <summary>The Web Storage area the tree is kept in.</summary>
    public WebStorageArea Area => _item.Area;

    /// <summary>The key of the item holding the tree.</summary>
    public string StorageName => _item.StorageName;

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The item holds something other than a tree of this depth; it is left unchanged.</exception>
    public override async Task AttachAsync(ConnectorAttachContext context, CancellationToken cancellationToken = default)
    {
        if (await _item.ReadAsync(cancellationToken).ConfigureAwait(false) is not { } text)
        {
            return;
        }

        var leaves = TreeJson.Read<Atom>(text, Depth, TreeJson.ReadAtom, what => _item.Damaged(what, Depth));
        await _tree.BeginBatchAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (address, atom) in leaves)
        {
            await _tree.WriteAtomAsync(address, atom, cancellationToken).ConfigureAwait(false);
        }

        await _tree.CommitBatchAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override ValueTask<Atom?> ReadAtomAsync(Address address, CancellationToken cancellationToken = default) =>
        _tree.ReadAtomAsync(address, cancellationToken);

    /// <inheritdoc />
    public override async ValueTask WriteAtomAsync(Address address, Atom atom, CancellationToken cancellationToken = default)
    {
        await _batch.WriteAsync(async () => await _tree.WriteAtomAsync(address, atom, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async ValueTask RemoveAtomAsync(Address address, CancellationToken cancellationToken = default)
    {
        await _batch.WriteAsync(async () => await _tree.RemoveAtomAsync(address, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(Address parentAddress, CancellationToken cancellationToken = default) =>
        _tree.ReadChildIdsAsync(parentAddress, cancellationToken);

    /// <inheritdoc />
    public override ValueTask<IReadOnlyDictionary<string, Atom>> ReadAtomsAsync(Address leafParentAddress, CancellationToken cancellationToken = default) =>
        _tree.ReadAtomsAsync(leafParentAddress, cancellationToken);

    /// <inheritdoc />
    public override Task<DataTree> GetDataAsync(CancellationToken cancellationToken = default) => _tree.GetDataAsync(cancellationToken);

    /// <inheritdoc />
    public override Task BeginBatchAsync(CancellationToken cancellationToken = default) => _batch.BeginAsync(cancellationToken);

    /// <inheritdoc />
    /// <exception cref="WebStorageQuotaExceededException">The item no longer fits: the batch is rolled back, and the items keep their old trees.</exception>
    public override Task CommitBatchAsync(CancellationToken cancellationToken = default) => _batch.CommitAsync();

    /// <inheritdoc />
    public override Task RollbackBatchAsync(CancellationToken cancellationToken = default) => _batch.RollbackAsync(cancellationToken);
}
