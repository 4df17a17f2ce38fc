using Microsoft.Data.Sqlite;
using Synclets.Hashing;

namespace Synclets.Sqlite.Tests.Durability;

/// <summary>Recomputes every interior hash of a tree-table database from its leaf timestamps and compares it with the stored one.</summary>
public static class StoredHashes
{
    /// <summary>The parents whose stored hash differs from the XOR of FNV-1a of the timestamps below them.</summary>
    public static List<string> Mismatches(string path, int depth)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        var expected = new Dictionary<string, uint>(StringComparer.Ordinal);
        var stored = new Dictionary<string, uint>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        var ids = string.Join(", ", Enumerable.Range(1, depth).Select(level => "address" + level));
        command.CommandText = $"SELECT {ids}, timestamp, hash FROM synclets_meta";
        using var reader = command.ExecuteReader();
        while (reader.Read())
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
                stored[Key(address)] = (uint)reader.GetInt64(depth + 1);
            }
        }

        return expected.Keys.Union(stored.Keys)
            .Where(key => expected.GetValueOrDefault(key) != stored.GetValueOrDefault(key))
            .Select(key => $"{key}: stored {stored.GetValueOrDefault(key)}, recomputed {expected.GetValueOrDefault(key)}")
            .ToList();
    }

    private static string Key(IEnumerable<string> ids) => "/" + string.Join("/", ids);
}
