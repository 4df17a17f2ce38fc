using Microsoft.Data.Sqlite;
using Synclets.Connectors;
using Synclets.Hashing;

namespace Synclets.Benchmarks.Sqlite;

/// <summary>
/// The ceiling a sync into SQLite is measured against: plain prepared upserts, in one transaction,
/// of the rows the sync stores — each atom beside its timestamp in one row, every interior hash, and
/// for typed tables each typed row — into the tables the connectors create.
/// </summary>
internal static class RawUpserts
{
    private const int Depth = 3;

    /// <summary>The workload's atoms with their timestamps, read from a filled memory source.</summary>
    public static async Task<List<(Address Address, string Atom, string Timestamp)>> RowsAsync(DataConnector data, MetaConnector meta)
    {
        var timestamps = (await meta.GetMetaAsync()).Leaves().ToDictionary(leaf => leaf.Key, leaf => leaf.Value);
        return [.. (await data.GetDataAsync()).Leaves().Select(leaf => (leaf.Key, leaf.Value.AsString(), timestamps[leaf.Key]))];
    }

    /// <summary>Writes the rows into a database whose tables a synclet created.</summary>
    public static void Write(SqliteConnection connection, IReadOnlyList<(Address Address, string Atom, string Timestamp)> rows, bool typed)
    {
        using var transaction = connection.BeginTransaction();
        using var leaf = Prepare(
            transaction,
            "INSERT INTO synclets_tree (scope, address1, address2, address3, atom, timestamp) VALUES (@p0, @p1, @p2, @p3, @p4, @p5) " +
            "ON CONFLICT (scope, address1, address2, address3) DO UPDATE SET atom = excluded.atom, timestamp = excluded.timestamp",
            6);
        var hashes = new Dictionary<Address, uint>();
        foreach (var (address, value, time) in rows)
        {
            Run(leaf, string.Empty, address[0], address[1], address[2], $"\"{value}\"", time);
            for (var level = 0; level < Depth; level++)
            {
                hashes[address.Take(level)] = hashes.GetValueOrDefault(address.Take(level)) ^ Fnv1a.HashTimestamp(time);
            }
        }

        using var hash = Prepare(transaction, "INSERT INTO synclets_hashes (scope, address, hash) VALUES (@p0, @p1, @p2) ON CONFLICT (scope, address) DO UPDATE SET hash = excluded.hash", 3);
        foreach (var (address, value) in hashes)
        {
            var key = "[" + string.Join(",", address.Select(id => $"\"{id}\"")) + "]";
            Run(hash, string.Empty, key, (long)value);
        }

        if (typed)
        {
            var upserts = Enumerable.Range(0, 10).Select(table => Prepare(transaction,
                $"INSERT INTO \"t{table}\" (id, {Columns("c{0}")}) VALUES (@p0, {Columns("@p{1}")}) ON CONFLICT (id) DO UPDATE SET {Columns("c{0} = excluded.c{0}")}", 11)).ToList();
            foreach (var row in rows.GroupBy(row => (row.Address[0], row.Address[1])))
            {
                var upsert = upserts[int.Parse(row.Key.Item1.AsSpan(1))];
                upsert.Parameters[0].Value = row.Key.Item2;
                foreach (var (address, value, _) in row)
                {
                    upsert.Parameters[1 + int.Parse(address[2].AsSpan(1))].Value = value;
                }

                upsert.ExecuteNonQuery();
            }

            upserts.ForEach(upsert => upsert.Dispose());
        }

        transaction.Commit();
    }

    private static string Columns(string format) =>
        string.Join(", ", Enumerable.Range(0, 10).Select(column => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, column, column + 1)));

    private static SqliteCommand Prepare(SqliteTransaction transaction, string sql, int parameters)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            command.Parameters.Add("@p" + i, SqliteType.Text);
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }
}
