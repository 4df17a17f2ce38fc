using System.Runtime.Versioning;
using Synclets.Connectors;
using Synclets.Wire;

namespace Synclets.Browser.Connectors.IndexedDb;

/// <summary>
/// Keeps a synclet's atoms in IndexedDB, each under its address (as JSON text, so any atom reads back
/// exactly). Made by <see cref="IndexedDbStore.CreateConnectors"/> with its meta connector.
/// </summary>
[SupportedOSPlatform("browser")]
public sealed class IndexedDbDataConnector : DataConnector
{
    private readonly IndexedDbStore _store;

    /// <summary>Creates the data connector of <paramref name="store"/> for a tree of <paramref name="depth"/> levels.</summary>
    public IndexedDbDataConnector(IndexedDbStore store, int depth) : base(depth)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>The database this connector keeps its atoms in.</summary>
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
    public override async ValueTask<Atom?> ReadAtomAsync(Address address, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        var json = await _store.ReadLeafAsync(ObjectStore.Atoms, address).ConfigureAwait(false);
        return json is null ? (Atom?)null : JsonText.ParseAtom(json);
    }

    /// <inheritdoc />
    public override ValueTask WriteAtomAsync(Address address, Atom atom, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        return _store.WriteLeafAsync(ObjectStore.Atoms, address, JsonText.Atom(atom));
    }

    /// <inheritdoc />
    public override ValueTask RemoveAtomAsync(Address address, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        return _store.WriteLeafAsync(ObjectStore.Atoms, address, null);
    }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(Address parentAddress, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        return _store.ReadChildIdsAsync(ObjectStore.Atoms, parentAddress);
    }

    /// <inheritdoc />
    public override async ValueTask<IReadOnlyDictionary<string, Atom>> ReadAtomsAsync(Address leafParentAddress, CancellationToken cancellationToken = default)
    {
        EnsureParent(leafParentAddress);
        var atoms = new Dictionary<string, Atom>(StringComparer.Ordinal);
        foreach (var (id, json) in await _store.ReadLeavesAsync(ObjectStore.Atoms, leafParentAddress).ConfigureAwait(false))
        {
            atoms[id] = JsonText.ParseAtom(json);
        }

        return atoms;
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
