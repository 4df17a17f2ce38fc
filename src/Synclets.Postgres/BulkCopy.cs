using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Synclets.Relational;

namespace Synclets.Postgres;

/// <summary>
/// Writes many rows the fast way PostgreSQL has: a binary <c>COPY</c> into a temporary staging table
/// shaped like the target's columns, then one <c>INSERT … SELECT … ON CONFLICT DO UPDATE</c> from it,
/// all in the batch's transaction — three round trips for thousands of rows, where multi-row
/// statements take one per 64.
/// </summary>
internal static class BulkCopy
{
    public static async Task UpsertAsync(PostgresStore store, BulkUpsert upsert, CancellationToken cancellationToken)
    {
        var columns = string.Join(", ", upsert.QuotedColumns);
        var staging = StagingTable(upsert);
        // Created in the batch's transaction, so a rollback takes it away too: made again whenever missing.
        await ExecuteAsync(store, $"CREATE TEMP TABLE IF NOT EXISTS {staging} AS SELECT {columns} FROM {upsert.QuotedTable} WITH NO DATA", cancellationToken).ConfigureAwait(false);
        var connection = (NpgsqlConnection)store.Connection;
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY {staging} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in upsert.Rows)
            {
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                foreach (var value in row)
                {
                    if (value is null)
                    {
                        await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        var keys = string.Join(", ", upsert.QuotedColumns.Take(upsert.KeyCount));
        var updates = string.Join(", ", upsert.QuotedColumns.Skip(upsert.KeyCount).Select(column => $"{column} = excluded.{column}"));
        await ExecuteAsync(
            store,
            $"INSERT INTO {upsert.QuotedTable} ({columns}) SELECT {columns} FROM {staging} ON CONFLICT ({keys}) DO UPDATE SET {updates}; TRUNCATE {staging}",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A staging table per target and column list, named by their hash (names can be long and odd).</summary>
    private static string StagingTable(BulkUpsert upsert)
    {
        var shape = upsert.QuotedTable + "(" + string.Join(",", upsert.QuotedColumns) + ")";
        return "pg_temp.synclets_staging_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(shape))[..8]);
    }

    private static async Task ExecuteAsync(PostgresStore store, string sql, CancellationToken cancellationToken)
    {
        await using var command = store.OneOffCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
