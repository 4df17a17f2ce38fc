using System.Globalization;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using Synclets.Browser.Interop;
using Synclets.Connectors;
using Synclets.Wire;

namespace Synclets.Browser.Connectors.IndexedDb;

/// <summary>
/// One IndexedDB database holding a synclet's tree: atoms, timestamps and interior hashes in object
/// stores keyed by address. Its data and meta connectors share one batch, so each received message
/// is one IndexedDB transaction: all of it is stored, or none.
/// </summary>
/// <remarks>
/// Every tab and worker of an origin sees the same databases, but a database has one synclet at a
/// time: the store holds an exclusive Web Lock on it while attached (the browser releases it when
/// the page goes away). Tabs that each run a synclet use <see cref="ClaimAsync"/> to take a free
/// database of a family, and sync with each other over a BroadcastChannel.
/// </remarks>
[SupportedOSPlatform("browser")]
public sealed partial class IndexedDbStore
{
    private readonly PendingWrites _atoms = new(ObjectStore.Atoms);
    private readonly PendingWrites _timestamps = new(ObjectStore.Timestamps);
    private readonly Dictionary<Address, uint> _hashes = new();
    private readonly LeafPrefetch _prefetch = new();
    private readonly HashSet<Connector> _participants = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Connector> _rolledBack = new(ReferenceEqualityComparer.Instance);
    private int _handle;
    private int _lock;
    private int _users;
    private int? _depth;

    /// <summary>Creates a store on the IndexedDB database <paramref name="databaseName"/> (made when first attached).</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public IndexedDbStore(string databaseName)
    {
        ArgumentException.ThrowIfNullOrEmpty(databaseName);
        DatabaseName = databaseName;
    }

    /// <summary>The IndexedDB database's name.</summary>
    public string DatabaseName { get; }

    /// <summary>Creates the data and meta connectors of a tree of <paramref name="depth"/> levels in this database.</summary>
    public (IndexedDbDataConnector Data, IndexedDbMetaConnector Meta) CreateConnectors(int depth) =>
        (new IndexedDbDataConnector(this, depth), new IndexedDbMetaConnector(this, depth));

    /// <summary>
    /// Takes the first database of the family <paramref name="baseName"/> that no other tab or
    /// worker holds: <c>baseName</c> itself, else <c>baseName-2</c>, <c>baseName-3</c>… up to
    /// <paramref name="maxDatabases"/>. A reloaded or reopened tab so finds a database with its data,
    /// while tabs open side by side each have their own.
    /// </summary>
    /// <exception cref="InvalidOperationException">Every database of the family is held.</exception>
    public static async Task<IndexedDbStore> ClaimAsync(string baseName, int maxDatabases = 16, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDatabases);
        await BrowserModule.LoadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var i = 1; i <= maxDatabases; i++)
        {
            var store = new IndexedDbStore(i == 1 ? baseName : $"{baseName}-{i}");
            if (await store.TryLockAsync().ConfigureAwait(false))
            {
                return store;
            }
        }

        throw new InvalidOperationException($"All {maxDatabases} IndexedDB databases of '{baseName}' are in use by other tabs or workers of this origin.");
    }

    /// <summary>Deletes a database and everything in it (it must not be open in this page).</summary>
    public static async Task DeleteDatabaseAsync(string databaseName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(databaseName);
        await BrowserModule.LoadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await JsIndexedDb.DeleteDatabaseAsync(databaseName).ConfigureAwait(false);
    }

    internal async Task OpenAsync(int depth, CancellationToken cancellationToken)
    {
        if (_depth is { } open && open != depth)
        {
            throw new InvalidOperationException($"IndexedDB database '{DatabaseName}' is open for a tree of depth {open}; a connector of depth {depth} cannot share it.");
        }

        if (_users++ > 0)
        {
            return;
        }

        try
        {
            await BrowserModule.LoadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!await TryLockAsync().ConfigureAwait(false))
            {
                throw new InvalidOperationException($"IndexedDB database '{DatabaseName}' is in use by another synclet (in another tab or worker of this origin, perhaps). A database has one synclet at a time: give each its own, or let IndexedDbStore.ClaimAsync pick a free one.");
            }

            _handle = await JsIndexedDb.OpenAsync(DatabaseName, ObjectStore.AllJson).ConfigureAwait(false);
            await CheckDepthAsync(depth).ConfigureAwait(false);
            _depth = depth;
        }
        catch
        {
            _users--;
            Close();
            throw;
        }
    }

    internal void Release()
    {
        if (_users > 0 && --_users == 0)
        {
            Close();
        }
    }

    private void Close()
    {
        if (_handle != 0)
        {
            JsIndexedDb.Close(_handle);
            _handle = 0;
        }

        if (_lock != 0)
        {
            JsLocks.Release(_lock);
            _lock = 0;
        }

        _depth = null;
    }

    /// <summary>Takes the database's Web Lock unless this store already holds it.</summary>
    private async Task<bool> TryLockAsync()
    {
        if (_lock == 0)
        {
            _lock = await JsLocks.TryAcquireAsync($"synclets-indexeddb:{DatabaseName}").ConfigureAwait(false);
        }

        return _lock != 0;
    }

    /// <summary>A database made for another depth is refused before anything is written to it.</summary>
    private async Task CheckDepthAsync(int depth)
    {
        var stored = await JsIndexedDb.GetAsync(_handle, ObjectStore.About, "\"depth\"").ConfigureAwait(false);
        if (stored is null)
        {
            var depthText = depth.ToString(CultureInfo.InvariantCulture);
            await JsIndexedDb.CommitAsync(_handle, $"[\"{ObjectStore.About}\"]", $"[[\"{ObjectStore.About}\",\"depth\",\"{depthText}\"]]").ConfigureAwait(false);
        }
        else if (stored != depth.ToString(CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"IndexedDB database '{DatabaseName}' holds a tree of depth {stored}; this connector has depth {depth}. Nothing was changed: open it with depth {stored}, or use another database name.");
        }
    }

    private int Handle => _handle != 0
        ? _handle
        : throw new InvalidOperationException($"IndexedDB database '{DatabaseName}' is not open: attach the connector to a synclet first.");
}
