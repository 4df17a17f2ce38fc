using System.Data.Common;
using Synclets.Wire;

namespace Synclets.Relational;

/// <summary>
/// The leaves under one parent as one query read them: their timestamps, and their atoms, which are
/// parsed from JSON only when asked for (a listing is often read for its timestamps alone).
/// </summary>
internal sealed class LeafListing
{
    private readonly Dictionary<string, string> _atomTexts = new(StringComparer.Ordinal);
    private Dictionary<string, Atom>? _atoms;

    public Dictionary<string, string> Timestamps { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds the leaf a query row holds as (last id, atom, timestamp) from column <paramref name="first"/> on.</summary>
    public void Add(DbDataReader reader, int first) =>
        Add(reader.GetString(first), reader.IsDBNull(first + 1) ? null : reader.GetString(first + 1), reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2));

    private void Add(string id, string? atomText, string? timestamp)
    {
        if (atomText is not null)
        {
            _atomTexts[id] = atomText;
        }

        if (timestamp is not null)
        {
            Timestamps[id] = timestamp;
        }
    }

    /// <summary>The atoms, by last id.</summary>
    public IReadOnlyDictionary<string, Atom> Atoms()
    {
        if (_atoms is null)
        {
            _atoms = new Dictionary<string, Atom>(_atomTexts.Count, StringComparer.Ordinal);
            foreach (var (id, text) in _atomTexts)
            {
                _atoms[id] = JsonText.ParseAtom(text);
            }
        }

        return _atoms;
    }
}
