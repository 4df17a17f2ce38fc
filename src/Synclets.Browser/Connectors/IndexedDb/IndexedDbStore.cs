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
public sealed class IndexedDbStore
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

    private bool InBatch => _participants.Count > 0;

    internal PendingWrites PendingFor(string store) => store == ObjectStore.Atoms ? _atoms : _timestamps;

    // ---- batches ----

    internal void Begin(Connector participant)
    {
        if (!_participants.Add(participant))
        {
            throw new InvalidOperationException("This connector already has a batch open; commit or roll it back first.");
        }

        _rolledBack.Remove(participant);
    }

    /// <summary>Leaves the batch; the last participant to leave writes every held write in one transaction.</summary>
    internal async Task CommitAsync(Connector participant)
    {
        if (!_participants.Remove(participant))
        {
            throw _rolledBack.Remove(participant)
                ? new InvalidOperationException("The batch cannot commit: the other connector of this IndexedDB store rolled it back.")
                : new InvalidOperationException("The connector has no batch open to commit.");
        }

        if (_participants.Count == 0)
        {
            await FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Drops every held write; the other participant's commit then fails, its rollback does nothing.</summary>
    internal void Rollback(Connector participant)
    {
        if (!_participants.Remove(participant))
        {
            _rolledBack.Remove(participant);
            return;
        }

        foreach (var other in _participants)
        {
            _rolledBack.Add(other);
        }

        _participants.Clear();
        ClearPending();
    }

    private async Task FlushAsync()
    {
        if (_atoms.Count == 0 && _timestamps.Count == 0 && _hashes.Count == 0)
        {
            return;
        }

        var operations = new StringBuilder(64 * (_atoms.Count + _timestamps.Count + _hashes.Count)).Append('[');
        _atoms.AppendOperations(operations);
        _timestamps.AppendOperations(operations);
        foreach (var (address, hash) in _hashes)
        {
            operations.Append(operations.Length > 1 ? ",[\"" : "[\"").Append(ObjectStore.Hashes).Append("\",");
            operations.Append(JsonText.Address(address)).Append(',').Append(hash.ToString(CultureInfo.InvariantCulture)).Append(']');
        }

        operations.Append(']');
        ClearPending();
        await JsIndexedDb.CommitAsync(Handle, ObjectStore.BatchJson, operations.ToString()).ConfigureAwait(false);
    }

    /// <summary>Forgets the held writes, and what was read ahead (a commit changes IndexedDB under it).</summary>
    private void ClearPending()
    {
        _prefetch.Clear();
        _atoms.Clear();
        _timestamps.Clear();
        _hashes.Clear();
    }

    // ---- leaves (atoms and timestamps) ----

    /// <summary>Reads ahead the leaves below each child of <paramref name="parent"/>, for the reads the synclet says come next.</summary>
    internal void ExpectLeafParents(Address parent, IReadOnlyList<string> childIds)
    {
        if (_handle != 0 && parent.Count == _depth - 2)
        {
            _prefetch.Expect(_handle, parent, childIds);
        }
    }

    internal async ValueTask<string?> ReadLeafAsync(string store, Address leaf)
    {
        if (PendingFor(store).TryGet(leaf, out var pending))
        {
            return pending;
        }

        if (await _prefetch.TryGetAsync(store, leaf.Parent).ConfigureAwait(false) is { } readAhead)
        {
            return readAhead.GetValueOrDefault(leaf.LastId);
        }

        return await JsIndexedDb.GetAsync(Handle, store, JsonText.Address(leaf)).ConfigureAwait(false);
    }

    internal async ValueTask WriteLeafAsync(string store, Address leaf, string? value)
    {
        PendingFor(store).Set(leaf, value);
        if (!InBatch)
        {
            // A write outside a batch is its own transaction.
            await FlushAsync().ConfigureAwait(false);
        }
    }

    internal async ValueTask<IReadOnlyDictionary<string, string>> ReadLeavesAsync(string store, Address leafParent)
    {
        Dictionary<string, string> leaves;
        if (await _prefetch.TryGetAsync(store, leafParent).ConfigureAwait(false) is { } readAhead)
        {
            leaves = new Dictionary<string, string>(readAhead, StringComparer.Ordinal);
        }
        else
        {
            leaves = new Dictionary<string, string>(StringComparer.Ordinal);
            var ids = ReadStrings(await JsIndexedDb.LeavesAsync(Handle, store, JsonText.Address(leafParent)).ConfigureAwait(false));
            for (var i = 0; i + 1 < ids.Count; i += 2)
            {
                leaves[ids[i]!] = ids[i + 1]!;
            }
        }

        if (PendingFor(store).Below(leafParent) is { } pending)
        {
            foreach (var (id, value) in pending)
            {
                if (value is null)
                {
                    leaves.Remove(id);
                }
                else
                {
                    leaves[id] = value;
                }
            }
        }

        return leaves;
    }

    /// <summary>The ids below <paramref name="parent"/>: IndexedDB's listing with the batch's own writes merged in.</summary>
    internal async ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(string store, Address parent)
    {
        var stored = ReadIds(await JsIndexedDb.ChildIdsAsync(Handle, store, JsonText.Address(parent)).ConfigureAwait(false));
        var pending = PendingFor(store);
        if (pending.Count == 0)
        {
            return stored;
        }

        var ids = new List<string>(stored.Count);
        var present = new HashSet<string>(StringComparer.Ordinal);
        var written = new HashSet<string>(StringComparer.Ordinal);
        var maybeEmptied = new Dictionary<string, List<Address>>(StringComparer.Ordinal);
        foreach (var (leafParent, entries) in pending.Under(parent))
        {
            foreach (var (leafId, value) in entries)
            {
                var leaf = leafParent.Append(leafId);
                var childId = leaf[parent.Count];
                if (value is not null)
                {
                    written.Add(childId);
                }
                else
                {
                    (maybeEmptied.TryGetValue(childId, out var deleted) ? deleted : maybeEmptied[childId] = []).Add(leaf);
                }
            }
        }

        foreach (var id in stored)
        {
            if (!written.Contains(id) && maybeEmptied.TryGetValue(id, out var deleted)
                && !await HasLeafBesidesAsync(store, parent.Append(id), deleted).ConfigureAwait(false))
            {
                continue;
            }

            ids.Add(id);
            present.Add(id);
        }

        foreach (var id in written)
        {
            if (present.Add(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>Whether IndexedDB holds a leaf below <paramref name="prefix"/> other than those the batch deletes.</summary>
    private async Task<bool> HasLeafBesidesAsync(string store, Address prefix, List<Address> deleted)
    {
        if (prefix.Count == _depth)
        {
            return false;
        }

        var excluded = new StringBuilder("[");
        foreach (var leaf in deleted)
        {
            excluded.Append(excluded.Length > 1 ? "," : string.Empty).Append(JsonText.Address(leaf));
        }

        return await JsIndexedDb.HasKeyBesidesAsync(Handle, store, JsonText.Address(prefix), excluded.Append(']').ToString()).ConfigureAwait(false);
    }

    // ---- hashes ----

    internal async ValueTask<uint> ReadHashAsync(Address parent)
    {
        if (_hashes.TryGetValue(parent, out var pending))
        {
            return pending;
        }

        var stored = await JsIndexedDb.GetAsync(Handle, ObjectStore.Hashes, JsonText.Address(parent)).ConfigureAwait(false);
        return ParseHash(stored);
    }

    internal async ValueTask WriteHashAsync(Address parent, uint hash)
    {
        _hashes[parent] = hash;
        if (!InBatch)
        {
            await FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>XORs each delta into its node's hash, reading every hash not already held in one request.</summary>
    internal async ValueTask ApplyHashDeltasAsync(IReadOnlyList<KeyValuePair<Address, uint>> deltas)
    {
        var unread = new List<Address>();
        foreach (var (address, _) in deltas)
        {
            if (!_hashes.ContainsKey(address))
            {
                unread.Add(address);
            }
        }

        if (unread.Count > 0)
        {
            var keys = new StringBuilder("[");
            foreach (var address in unread)
            {
                keys.Append(keys.Length > 1 ? "," : string.Empty).Append(JsonText.Address(address));
            }

            var values = ReadStrings(await JsIndexedDb.GetManyAsync(Handle, ObjectStore.Hashes, keys.Append(']').ToString()).ConfigureAwait(false));
            for (var i = 0; i < unread.Count; i++)
            {
                _hashes[unread[i]] = ParseHash(values[i]);
            }
        }

        foreach (var (address, delta) in deltas)
        {
            _hashes[address] ^= delta;
        }

        if (!InBatch)
        {
            await FlushAsync().ConfigureAwait(false);
        }
    }

    private uint ParseHash(string? stored) =>
        stored is null ? 0
        : uint.TryParse(stored, NumberStyles.None, CultureInfo.InvariantCulture, out var hash) ? hash
        : throw new InvalidDataException($"IndexedDB database '{DatabaseName}' holds a hash that is not a 32-bit unsigned number: '{stored}'.");

    /// <summary>Reads a JSON array of ids the module returns.</summary>
    private static List<string> ReadIds(string json) => ReadStrings(json).ConvertAll(id => id ?? string.Empty);

    /// <summary>Reads the JSON array of strings (or nulls) the module returns.</summary>
    private static List<string?> ReadStrings(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var strings = new List<string?>();
        reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            strings.Add(reader.TokenType == JsonTokenType.Null ? null : reader.GetString());
        }

        return strings;
    }
}
