using Synclets.Conformance.Support;
using Synclets.Relational;
using Synclets.Sqlite.Tests.Support;

namespace Synclets.Sqlite.Tests.Safety;

/// <summary>
/// Ids are data and table names are quoted: hostile ones round-trip through a synclet and through
/// sync, and none of them reaches SQL text except as a quoted identifier.
/// </summary>
public sealed class IdentifierSafetyTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly List<string> _sql = [];

    private static readonly TreeTableOptions HostileTables = new()
    {
        LeafTable = HostileNames.TableNames[0],
        HashTable = HostileNames.TableNames[1],
        Scope = "scope'); DROP TABLE x; --",
        ScopeColumn = "sc\"ope",
        AddressColumn = "addr\"ess",
        AddressColumnPrefix = "id; --",
        AtomColumn = HostileNames.TableNames[2],
        TimestampColumn = "time'stamp",
        HashColumn = "hash\"",
    };

    public static TheoryData<int> Depths => new() { 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Depths))]
    public async Task Hostile_ids_round_trip_and_sync_under_hostile_table_names(int depth)
    {
        var path = _directory.NewDatabase();
        var pool = Guid.NewGuid().ToString("N");
        var store = SqliteStore.ForFile(path);
        store.SqlObserver = _sql.Add;
        await using var sqlite = await SqliteSynclets.CreateAsync(path, depth, "sqlite", pool, HostileTables, store);
        await using var memory = await SqliteSynclets.CreateMemoryAsync(depth, "memory", pool);

        var addresses = HostileNames.Ids.Select(id => AddressOf(depth, id)).ToList();
        for (var i = 0; i < addresses.Count; i++)
        {
            await sqlite.SetAtomAsync(addresses[i], HostileNames.Ids[i]);
        }

        foreach (var (address, id) in addresses.Zip(HostileNames.Ids))
        {
            Assert.Equal(id, await sqlite.GetAtomAsync(address));
        }

        await sqlite.StartAsync();
        await memory.StartAsync();
        await memory.SetAtomAsync(AddressOf(depth, "from memory 'peer'; --"), "x\"y");
        await Eventually.UntilAsync(
            async () => (await sqlite.GetDataAsync()).Equals(await memory.GetDataAsync()) && (await sqlite.GetMetaAsync()).Equals(await memory.GetMetaAsync()),
            "the SQLite and memory synclets hold the same data and meta");
        Assert.Equal(HostileNames.Ids.Length + 1, Probe.Count(path, HostileTables.LeafTable));

        AssertNoIdInSql();
        AssertNamesOnlyQuoted();
        var tables = Probe.Schema(path).Where(row => row.Type == "table").Select(row => row.Name).ToList();
        Assert.Equal(new[] { HostileTables.LeafTable, HostileTables.HashTable }.Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Hostile_ids_survive_reopening()
    {
        var path = _directory.NewDatabase();
        var addresses = HostileNames.Ids.Select(id => AddressOf(3, id)).ToList();
        await using (var synclet = await SqliteSynclets.CreateAsync(path, 3, options: HostileTables))
        {
            foreach (var address in addresses)
            {
                await synclet.SetAtomAsync(address, address.LastId);
            }
        }

        await using var reopened = await SqliteSynclets.CreateAsync(path, 3, options: HostileTables);
        var data = await reopened.GetDataAsync();
        foreach (var address in addresses)
        {
            Assert.True(data.TryGetLeaf(address, out var atom), $"'{address}' is missing after reopening");
            Assert.Equal(address.LastId, atom);
        }
    }

    /// <summary>Every id sits at every level, so each id column and the hash table's JSON keys carry it.</summary>
    private static Address AddressOf(int depth, string id) =>
        new(Enumerable.Range(0, depth).Select(level => level == depth - 1 ? id : id + "/" + level).ToArray());

    private void AssertNoIdInSql()
    {
        Assert.NotEmpty(_sql);
        foreach (var id in HostileNames.Ids.Where(id => id.Length > 3).Append(HostileTables.Scope))
        {
            Assert.DoesNotContain(_sql, sql => sql.Contains(id, StringComparison.Ordinal));
        }
    }

    // Remove every correctly quoted occurrence of each name: what is left must not contain the name.
    private void AssertNamesOnlyQuoted()
    {
        var names = new[]
        {
            HostileTables.LeafTable, HostileTables.HashTable, HostileTables.ScopeColumn, HostileTables.AddressColumn, HostileTables.AtomColumn,
            HostileTables.TimestampColumn, HostileTables.HashColumn,
        };
        foreach (var sql in _sql)
        {
            var rest = sql;
            foreach (var quoted in names.Select(SqliteDialect.Instance.QuoteIdentifier).OrderByDescending(name => name.Length))
            {
                rest = rest.Replace(quoted, "<name>", StringComparison.Ordinal);
            }

            // Prefixed id columns and index names are quoted as a whole: strip any quoted identifier.
            rest = System.Text.RegularExpressions.Regex.Replace(rest, "\"(?:[^\"]|\"\")*\"", "<name>");
            foreach (var name in names.Append(HostileTables.AddressColumnPrefix))
            {
                Assert.DoesNotContain(name, rest, StringComparison.Ordinal);
            }
        }
    }

    public void Dispose() => _directory.Dispose();
}
