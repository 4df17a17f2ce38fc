using Microsoft.Data.Sqlite;
using Synclets.Postgres.Tests.Support;

namespace Synclets.Postgres.Tests.Store;

/// <summary>
/// Tables of the first layout in PostgreSQL — as that layout created them, filled with the rows of
/// the SQLite test asset its code wrote — are moved into layout 2 when a connector first opens the
/// schema: every atom, timestamp and hash arrives and the old tables go.
/// </summary>
public sealed class LegacyLayoutTests : IAsyncLifetime
{
    private const int Depth = 3;
    private ScratchSchema _schema = null!;

    public async Task InitializeAsync() => _schema = await ScratchSchema.CreateAsync();

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task First_layout_tables_are_moved_in_with_nothing_lost()
    {
        var (atoms, leaves, hashes) = await CreateFirstLayoutAsync();

        var (data, meta) = new PostgresStore(_schema.DataSource).CreateConnectors(Depth);
        await using (var synclet = await Synclet.CreateAsync(new SyncletComponents(data, meta)))
        {
            foreach (var (address, atom) in atoms)
            {
                Assert.Equal(atom, await _schema.ScalarAsync(
                    "SELECT atom FROM synclets_tree WHERE scope = '' AND address1 = $1 AND address2 = $2 AND address3 = $3", address[0], address[1], address[2]));
            }

            foreach (var (address, timestamp) in leaves)
            {
                Assert.Equal(timestamp, await meta.ReadTimestampAsync(new Address(address)));
            }

            foreach (var (address, hash) in hashes)
            {
                Assert.Equal(hash, await meta.ReadHashAsync(new Address(address)));
            }

            Assert.Equal(atoms.Count, (await synclet.GetDataAsync()).Leaves().Count());
            Assert.Equal(leaves.Count, (await synclet.GetMetaAsync()).Leaves().Count());
        }

        Assert.Equal(0L, await _schema.ScalarAsync("SELECT count(*) FROM pg_tables WHERE schemaname = $1 AND tablename IN ('synclets_data', 'synclets_meta')", _schema.Name));
        Assert.Equal((long)leaves.Count, await _schema.ScalarAsync("SELECT count(*) FROM synclets_tree"));
        Assert.Equal((long)hashes.Count, await _schema.ScalarAsync("SELECT count(*) FROM synclets_hashes"));
    }

    /// <summary>
    /// Creates the first layout's tables as its PostgreSQL connectors did and copies the asset's rows
    /// in; returns what they hold: atoms (JSON), leaf timestamps and interior hashes, by ids.
    /// </summary>
    private async Task<(List<(string[], string)> Atoms, List<(string[], string)> Leaves, List<(string[], uint)> Hashes)> CreateFirstLayoutAsync()
    {
        await _schema.ExecuteAsync(
            """
            CREATE TABLE synclets_data (address text NOT NULL, address1 text, address2 text, address3 text, atom text, PRIMARY KEY (address));
            CREATE INDEX synclets_data_address_prefix ON synclets_data (address1, address2, address3);
            CREATE TABLE synclets_meta (address text NOT NULL, address1 text, address2 text, address3 text, timestamp text, hash bigint, PRIMARY KEY (address));
            CREATE INDEX synclets_meta_address_prefix ON synclets_meta (address1, address2, address3);
            """);
        var (atoms, leaves, hashes) = (new List<(string[], string)>(), new List<(string[], string)>(), new List<(string[], uint)>());
        var asset = new SqliteConnectionStringBuilder { DataSource = Path.Combine(AppContext.BaseDirectory, "Assets", "layout-v1.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var connection = new SqliteConnection(asset.ToString());
        await connection.OpenAsync();
        await using (var reader = await Query(connection, "SELECT address, address1, address2, address3, atom FROM synclets_data").ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                string[] ids = [reader.GetString(1), reader.GetString(2), reader.GetString(3)];
                await _schema.ExecuteAsync("INSERT INTO synclets_data VALUES ($1, $2, $3, $4, $5)", reader.GetString(0), ids[0], ids[1], ids[2], reader.GetString(4));
                atoms.Add((ids, reader.GetString(4)));
            }
        }

        await using (var reader = await Query(connection, "SELECT address, address1, address2, address3, timestamp, hash FROM synclets_meta").ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var ids = Enumerable.Range(1, Depth).TakeWhile(column => !reader.IsDBNull(column)).Select(reader.GetString).ToArray();
                object Cell(int column) => reader.IsDBNull(column) ? DBNull.Value : reader.GetValue(column);
                await _schema.ExecuteAsync("INSERT INTO synclets_meta VALUES ($1, $2, $3, $4, $5, $6)", reader.GetString(0), Cell(1), Cell(2), Cell(3), Cell(4), Cell(5));
                if (ids.Length == Depth)
                {
                    leaves.Add((ids, reader.GetString(4)));
                }
                else
                {
                    hashes.Add((ids, unchecked((uint)reader.GetInt64(5))));
                }
            }
        }

        return (atoms, leaves, hashes);
    }

    private static SqliteCommand Query(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
