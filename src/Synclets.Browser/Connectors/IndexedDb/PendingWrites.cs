using System.Text;
using Synclets.Wire;

namespace Synclets.Browser.Connectors.IndexedDb;

/// <summary>
/// The writes of one object store held back until the batch commits: reads see them first (a batch
/// reads its own writes), and listings merge them into what IndexedDB holds. Kept per leaf parent,
/// so a listing looks at the leaf parents below it, not at every pending write.
/// </summary>
internal sealed class PendingWrites(string store)
{
    private readonly Dictionary<Address, Dictionary<string, string?>> _byLeafParent = new();

    /// <summary>The object store these writes go to.</summary>
    public string Store { get; } = store;

    /// <summary>How many writes are held.</summary>
    public int Count { get; private set; }

    /// <summary>Holds a value (null to delete) for a leaf.</summary>
    public void Set(Address leaf, string? value)
    {
        var parent = leaf.Parent;
        if (!_byLeafParent.TryGetValue(parent, out var entries))
        {
            _byLeafParent[parent] = entries = new Dictionary<string, string?>(StringComparer.Ordinal);
        }

        if (entries.TryAdd(leaf.LastId, value))
        {
            Count++;
        }
        else
        {
            entries[leaf.LastId] = value;
        }
    }

    /// <summary>Whether a value (or a deletion) is held for <paramref name="leaf"/>.</summary>
    public bool TryGet(Address leaf, out string? value)
    {
        value = null;
        return _byLeafParent.TryGetValue(leaf.Parent, out var entries) && entries.TryGetValue(leaf.LastId, out value);
    }

    /// <summary>The writes held directly below a leaf's parent, or null.</summary>
    public IReadOnlyDictionary<string, string?>? Below(Address leafParent) =>
        _byLeafParent.GetValueOrDefault(leafParent);

    /// <summary>The leaf parents with writes held at or below <paramref name="parent"/>, and their writes.</summary>
    public IEnumerable<KeyValuePair<Address, Dictionary<string, string?>>> Under(Address parent) =>
        _byLeafParent.Where(pair => pair.Key.StartsWith(parent));

    /// <summary>Appends one <c>[store, key, value]</c> operation per write to a JSON array being built.</summary>
    public void AppendOperations(StringBuilder operations)
    {
        foreach (var (parent, entries) in _byLeafParent)
        {
            foreach (var (id, value) in entries)
            {
                operations.Append(operations.Length > 1 ? ",[\"" : "[\"").Append(Store).Append("\",");
                operations.Append(JsonText.Address(parent.Append(id))).Append(',');
                operations.Append(value is null ? "null" : JsonText.String(value)).Append(']');
            }
        }
    }

    /// <summary>Forgets every held write.</summary>
    public void Clear()
    {
        _byLeafParent.Clear();
        Count = 0;
    }
}
