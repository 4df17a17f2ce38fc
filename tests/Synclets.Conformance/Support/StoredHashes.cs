using System.Data.Common;
using System.Text.Json;
using Synclets.Hashing;

namespace Synclets.Conformance.Support;

/// <summary>Recomputes every interior hash of a tree from its stored leaf timestamps and compares it with the stored one.</summary>
public static class StoredHashes
{
    /// <summary>
    /// The parents whose stored hash (in <c>synclets_hashes</c>) differs from the XOR of FNV-1a of the
    /// timestamps below them (in <c>synclets_tree</c>), for the tree of the default scope, read in one
    /// transaction (one snapshot) on <paramref name="connection"/> (open).
    /// </summary>
    public static async Task<List<string>> MismatchesAsync(DbConnection connection, int depth)
    {
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        var expected = new Dictionary<string, uint>(StringComparer.Ordinal);
        var stored = new Dictionary<string, uint>(StringComparer.Ordinal);
        var ids = string.Join(", ", Enumerable.Range(1, depth).Select(level => $"\"address{level}\""));
        await using (var leaves = Query(connection, snapshot, $"SELECT {ids}, \"timestamp\" FROM synclets_tree WHERE scope = '' AND \"timestamp\" IS NOT NULL"))
        await using (var reader = await leaves.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var address = Enumerable.Range(0, depth).Select(reader.GetString).ToArray();
                var leafHash = Fnv1a.HashTimestamp(reader.GetString(depth));
                for (var count = 0; count < depth; count++)
                {
                    var key = Key(address.Take(count));
                    expected[key] = expected.GetValueOrDefault(key) ^ leafHash;
                }
            }
        }

        await using (var hashes = Query(connection, snapshot, "SELECT address, hash FROM synclets_hashes WHERE scope = ''"))
        await using (var reader = await hashes.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                // The hash column is an integer column holding the unsigned 32-bit hash.
                stored[Key(JsonSerializer.Deserialize<string[]>(reader.GetString(0))!)] = unchecked((uint)reader.GetInt64(1));
            }
        }

        return expected.Keys.Union(stored.Keys)
            .Where(key => expected.GetValueOrDefault(key) != stored.GetValueOrDefault(key))
            .Select(key => $"{key}: stored {stored.GetValueOrDefault(key)}, recomputed {expected.GetValueOrDefault(key)}")
            .ToList();
    }

    private static DbCommand Query(DbConnection connection, DbTransaction snapshot, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = snapshot;
        return command;
    }

    /// <summary>The node's ids as a JSON array: an id may be empty or contain any separator.</summary>
    private static string Key(IEnumerable<string> ids) => JsonSerializer.Serialize(ids.ToArray());
}
