using System.Text.Json;
using Synclets.Conformance.Support;
using Synclets.Relational;
using Synclets.Sqlite.Tests.Support;

namespace Synclets.Sqlite.Tests.Store;

/// <summary>
/// A file written in the first layout (kept as a test asset, made by that layout's code) is moved
/// into layout 2 the first time a connector opens it: every atom, timestamp and hash arrives, the
/// old tables go, and the tree syncs on.
/// </summary>
public sealed class LegacyLayoutTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task A_first_layout_file_is_moved_in_with_nothing_lost()
    {
        var path = CopyOfAsset();
        var expected = Expected();

        var (data, meta) = SqliteStore.ForFile(path).CreateConnectors(depth: 3);
        await using (var synclet = await Synclet.CreateAsync(new SyncletComponents(data, meta)))
        {
            foreach (var (address, atom) in expected.Atoms)
            {
                Assert.Equal(atom, Probe.Scalar(path, "SELECT atom FROM synclets_tree WHERE scope = '' AND address1 = @p0 AND address2 = @p1 AND address3 = @p2", [.. address]));
            }

            foreach (var (address, timestamp) in expected.Timestamps)
            {
                Assert.Equal(timestamp, await meta.ReadTimestampAsync(new Address(address)));
            }

            foreach (var (address, hash) in expected.Hashes)
            {
                Assert.Equal(hash, await meta.ReadHashAsync(new Address(address)));
            }

            Assert.Equal(expected.Atoms.Count, (await synclet.GetDataAsync()).Leaves().Count());
            Assert.Equal(expected.Timestamps.Count, (await synclet.GetMetaAsync()).Leaves().Count());
            Assert.Equal("Title 0 of todos", (await synclet.GetAtomAsync(new Address("todos", "r0", "title")))!.Value.AsString());
            Assert.Null(await synclet.GetAtomAsync(new Address("todos", "r1", "title")));
        }

        Assert.Equal(["synclets_hashes", "synclets_tree"], Probe.Schema(path).Where(row => row.Type == "table").Select(row => row.Name).Order());
        Assert.Equal(expected.Timestamps.Count, Probe.Count(path, "synclets_tree"));
        Assert.Equal(expected.Hashes.Count, Probe.Count(path, "synclets_hashes"));
        Assert.Empty(Durability.StoredHashes.Mismatches(path, 3));
    }

    [Fact]
    public async Task A_moved_tree_syncs_with_a_peer()
    {
        var path = CopyOfAsset();
        var pool = Guid.NewGuid().ToString("N");
        await using var stored = await SqliteSynclets.CreateAsync(path, 3, "stored", pool);
        await using var memory = await SqliteSynclets.CreateMemoryAsync(3, "memory", pool);

        await Task.WhenAll(stored.StartAsync(), memory.StartAsync());
        await memory.SetAtomAsync(new Address("todos", "r9", "title"), "after the move");

        await Eventually.UntilAsync(
            async () => (await stored.GetDataAsync()).Equals(await memory.GetDataAsync()) && (await stored.GetMetaAsync()).Equals(await memory.GetMetaAsync()),
            "the moved tree and the memory peer converge");
        Assert.Equal(Expected().Atoms.Count + 1, (await memory.GetDataAsync()).Leaves().Count());
    }

    [Fact]
    public async Task A_first_layout_tree_moves_into_the_scope_the_options_name()
    {
        var path = CopyOfAsset();
        var (data, meta) = SqliteStore.ForFile(path).CreateConnectors(3, new TreeTableOptions { Scope = "room 1" });
        await using (var synclet = await Synclet.CreateAsync(new SyncletComponents(data, meta)))
        {
            Assert.Equal(Expected().Atoms.Count, (await synclet.GetDataAsync()).Leaves().Count());
        }

        await using var otherScope = await SqliteSynclets.CreateAsync(path, 3, options: new TreeTableOptions { Scope = "room 2" });
        Assert.Empty((await otherScope.GetDataAsync()).Leaves());
        Assert.Equal(Expected().Timestamps.Count, Probe.Count(path, "synclets_tree"));
    }

    [Fact]
    public async Task A_data_connector_without_its_meta_connector_moves_the_atoms_and_leaves_the_meta_table()
    {
        var path = CopyOfAsset();
        var data = new SqliteDataConnector(SqliteStore.ForFile(path), 3);
        await using (var synclet = await Synclet.CreateAsync(new SyncletComponents(data, new Synclets.Connectors.Memory.MemoryMetaConnector(3))))
        {
            Assert.Equal(Expected().Atoms.Count, (await data.GetDataAsync()).Leaves().Count());
        }

        var tables = Probe.Schema(path).Where(row => row.Type == "table").Select(row => row.Name).Order().ToList();
        Assert.Equal(["synclets_meta", "synclets_tree"], tables);
    }

    [Fact]
    public async Task A_first_layout_table_of_another_depth_is_refused_and_nothing_changes()
    {
        var path = CopyOfAsset();
        var schemaBefore = Probe.Schema(path);

        var error = await Assert.ThrowsAsync<RelationalSchemaException>(() => SqliteSynclets.CreateAsync(path, 2));

        Assert.Contains("first layout", error.Message);
        Assert.Contains("depth 2", error.Message);
        Assert.Equal(schemaBefore, Probe.Schema(path));
    }

    private string CopyOfAsset()
    {
        var path = _directory.NewDatabase("v1");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Assets", "layout-v1.db"), path);
        return path;
    }

    /// <summary>What the first layout's tables held, from the file written beside the asset.</summary>
    private static (List<(string[] Address, string Atom)> Atoms, List<(string[] Address, string Timestamp)> Timestamps, List<(string[] Address, uint Hash)> Hashes) Expected()
    {
        var (atoms, timestamps, hashes) = (new List<(string[], string)>(), new List<(string[], string)>(), new List<(string[], uint)>());
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Assets", "layout-v1.expected.tsv")))
        {
            var cells = line.Split('\t');
            var address = JsonSerializer.Deserialize<string[]>(cells[1])!;
            if (cells[0] == "data")
            {
                atoms.Add((address, cells[2]));
            }
            else if (cells[2].Length > 0)
            {
                timestamps.Add((address, cells[2]));
            }
            else
            {
                hashes.Add((address, uint.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return (atoms, timestamps, hashes);
    }

    public void Dispose() => _directory.Dispose();
}
