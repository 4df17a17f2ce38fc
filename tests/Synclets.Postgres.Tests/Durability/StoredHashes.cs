using Npgsql;

namespace Synclets.Postgres.Tests.Durability;

/// <summary>The shared stored-hash check over a PostgreSQL schema.</summary>
public static class StoredHashes
{
    /// <summary>The parents whose stored hash differs from the XOR of FNV-1a of the timestamps below them, in the schema the connection's search path finds.</summary>
    public static async Task<List<string>> MismatchesAsync(string connectionString, int depth)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await Synclets.Conformance.Support.StoredHashes.MismatchesAsync(connection, depth);
    }
}
