using System.Data.Common;
using Synclets.Hashing;

namespace Synclets.Conformance.Support;

/// <summary>Recomputes every interior hash of a tree-table meta table from its leaf timestamps and compares it with the stored one.</summary>
public static class StoredHashes
{
    /// <summary>
    /// The parents whose stored hash differs from the XOR of FNV-1a of the timestamps below them,
    /// read in one query (one snapshot) from the <c>synclets_meta</c> table <paramref name="connection"/> (open) finds.
    /// </summary>
    public static async Task<List<string>> MismatchesAsync(DbConnection connection, int depth)
    {
        await using var command = connection.CreateCommand();
        var ids = string.Join(", ", Enumerable.Range(1, depth).Select(level => $"\"address{level}\""));
        command.CommandText = $"SELECT {ids}, \"timestamp\", \"hash\" FROM synclets_meta";
        await using var reader = await command.ExecuteReaderAsync();
        var expected = new Dictionary<string, uint>(StringComparer.Ordinal);
        var stored = new Dictionary<string, uint>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            var address = Enumerable.Range(0, depth).TakeWhile(level => !reader.IsDBNull(level)).Select(reader.GetString).ToArray();
            if (address.Length == depth)
            {
                var leafHash = Fnv1a.HashTimestamp(reader.GetString(depth));
                for (var count = 0; count < depth; count++)
                {
                    var key = Key(address.Take(count));
                    expected[key] = expected.GetValueOrDefault(key) ^ leafHash;
                }
            }
            else
            {
                // The hash column is an integer column holding the unsigned 32-bit hash.
                stored[Key(address)] = unchecked((uint)reader.GetInt64(depth + 1));
            }
        }

        return expected.Keys.Union(stored.Keys)
            .Where(key => expected.GetValueOrDefault(key) != stored.GetValueOrDefault(key))
            .Select(key => $"{key}: stored {stored.GetValueOrDefault(key)}, recomputed {expected.GetValueOrDefault(key)}")
            .ToList();
    }

    private static string Key(IEnumerable<string> ids) => "/" + string.Join("/", ids);
}
