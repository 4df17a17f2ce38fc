using Microsoft.Data.Sqlite;

namespace Synclets.Sqlite.Tests.Durability;

/// <summary>The shared stored-hash check over a SQLite file.</summary>
public static class StoredHashes
{
    /// <summary>The parents whose stored hash differs from the XOR of FNV-1a of the timestamps below them.</summary>
    public static List<string> Mismatches(string path, int depth)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return Synclets.Conformance.Support.StoredHashes.MismatchesAsync(connection, depth).GetAwaiter().GetResult();
    }
}
