using System.Text;
using System.Text.Json;
using Synclets.Browser.Interop;
using Synclets.Wire;

namespace Synclets.Browser.Connectors.IndexedDb;

// Atoms and timestamps: reads that see the batch's own writes, listings by key range.
public sealed partial class IndexedDbStore
{
    internal PendingWrites PendingFor(string store) => store == ObjectStore.Atoms ? _atoms : _timestamps;

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
