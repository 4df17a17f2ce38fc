namespace Synclets.Relational;

/// <summary>
/// The leaf rows a batch has written but not yet sent to the database, by address key: the final
/// value of each (null = deleted). Point reads are answered from here; a read of a range flushes
/// first when a pending row falls in it, so the batch always reads its own writes.
/// </summary>
internal sealed class PendingRows
{
    private readonly Dictionary<string, (Address Address, string? Value)> _rows = new(StringComparer.Ordinal);
    private readonly HashSet<Address> _parents = [];

    public int Count => _rows.Count;

    /// <summary>Records the new value of a row (null deletes it), replacing any earlier pending one.</summary>
    public void Set(string key, Address address, string? value)
    {
        _rows[key] = (address, value);
        _parents.Add(address.Parent);
    }

    /// <summary>The pending value of a row: found with its value, or found deleted (null).</summary>
    public bool TryGet(string key, out string? value)
    {
        var found = _rows.TryGetValue(key, out var row);
        value = row.Value;
        return found;
    }

    /// <summary>Whether a pending row lies under <paramref name="prefix"/> (every row, for the root).</summary>
    public bool AnyUnder(Address prefix)
    {
        if (_parents.Contains(prefix))
        {
            return true;
        }

        // Every pending row is a leaf, so a prefix as deep as their parents holds one only if it is one of them.
        if (_parents.Count == 0 || prefix.Count >= _parents.First().Count)
        {
            return false;
        }

        foreach (var parent in _parents)
        {
            if (parent.StartsWith(prefix))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Takes every pending row, upserts and deletes apart, each sorted by key (the table's order).</summary>
    public (List<(string Key, Address Address, string Value)> Upserts, List<string> Deletes) Drain()
    {
        var upserts = new List<(string, Address, string)>(_rows.Count);
        var deletes = new List<string>();
        foreach (var (key, (address, value)) in _rows)
        {
            if (value is null)
            {
                deletes.Add(key);
            }
            else
            {
                upserts.Add((key, address, value));
            }
        }

        _rows.Clear();
        _parents.Clear();
        upserts.Sort(static (a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        deletes.Sort(StringComparer.Ordinal);
        return (upserts, deletes);
    }

    public void Clear()
    {
        _rows.Clear();
        _parents.Clear();
    }
}
