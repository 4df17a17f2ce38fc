using System.Text.Json;
using Synclets.Conformance.Support;
using Synclets.Connectors.Files;
using Synclets.Hashing;
using Synclets.Transports.Memory;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Sample;

/// <summary>
/// <c>synclets inspect</c>, <c>dump</c> and <c>diff</c> read the stores of the file and directory
/// connectors as they read SQLite: the depth from the tree, the tombstones and hashes from the meta.
/// </summary>
public sealed class TreeFilesToolTests
{
    [Fact]
    public async Task A_JSON_file_store_is_inspected_and_dumped_with_its_tombstones_and_the_hash_its_synclet_holds()
    {
        using var directory = new TempDirectory();
        var (data, meta) = (Path.Combine(directory.Path, "data.json"), Path.Combine(directory.Path, "meta.json"));
        uint expectedRoot;
        await using (var synclet = await Synclet.CreateAsync(new SyncletComponents(new FileDataConnector(data, 2), new FileMetaConnector(meta, 2))))
        {
            await synclet.SetAtomAsync(new Address("todos", "t1"), "Buy milk");
            await synclet.SetAtomAsync(new Address("todos", "t2"), 2);
            await synclet.DelAtomAsync(new Address("todos", "t2"));
            expectedRoot = (await synclet.GetMetaAsync()).Leaves().Aggregate(0u, (hash, leaf) => hash ^ Fnv1a.HashTimestamp(leaf.Value));
        }

        var (exitCode, output) = await ServerProcess.RunToolAsync("inspect", data, "--meta", meta);
        Assert.Equal(0, exitCode);
        Assert.Contains("(JSON file)", output, StringComparison.Ordinal);
        Assert.Contains("depth:   2", output, StringComparison.Ordinal);
        Assert.Contains($"timestamps from '{meta}'", output, StringComparison.Ordinal);
        Assert.Contains("atoms:       1", output, StringComparison.Ordinal);
        Assert.Contains("tombstones:  1", output, StringComparison.Ordinal);
        Assert.Contains($"root hash:   {expectedRoot}", output, StringComparison.Ordinal);

        // Without the meta the data alone is read: no deleted atom can be seen, no hash derived.
        (exitCode, output) = await ServerProcess.RunToolAsync("inspect", data);
        Assert.Equal(0, exitCode);
        Assert.Contains("no meta given", output, StringComparison.Ordinal);
        Assert.Contains("root hash:   (none stored)", output, StringComparison.Ordinal);

        (exitCode, output) = await ServerProcess.RunToolAsync("dump", data);
        Assert.Equal(0, exitCode);
        Assert.Equal("""{"todos":{"t1":"Buy milk"}}""", Compact(output));
        (exitCode, output) = await ServerProcess.RunToolAsync("dump", data, "--address", "todos/t1");
        Assert.Equal((0, "\"Buy milk\""), (exitCode, output.Trim()));
    }

    [Fact]
    public async Task A_directory_store_is_read_with_its_ids_decoded_and_diffs_as_in_step_with_the_file_store_it_synced_with()
    {
        using var directory = new TempDirectory();
        var (data, meta) = (Path.Combine(directory.Path, "data.json"), Path.Combine(directory.Path, "meta.json"));
        var (folder, metaFolder) = (Path.Combine(directory.Path, "data"), Path.Combine(directory.Path, "meta"));
        var hostile = new[] { "../up", "a/b", "", "Todo", new string('x', 300) };
        await using (var files = await Synclet.CreateAsync(new SyncletComponents(new FileDataConnector(data, 2), new FileMetaConnector(meta, 2), new MemoryTransport("tool-diff"))))
        await using (var folders = await Synclet.CreateAsync(new SyncletComponents(new DirectoryDataConnector(folder, 2), new DirectoryMetaConnector(metaFolder, 2), new MemoryTransport("tool-diff"))))
        {
            await files.StartAsync();
            await folders.StartAsync();
            foreach (var id in hostile)
            {
                await folders.SetAtomAsync(new Address("t", id), id.Length);
            }

            await Eventually.UntilAsync(async () => (await files.GetDataAsync()).Equals(await folders.GetDataAsync()), "the file store holds the directory store's atoms");
        }

        var (exitCode, output) = await ServerProcess.RunToolAsync("inspect", folder, "--meta", metaFolder);
        Assert.Equal(0, exitCode);
        Assert.Contains("(directory)", output, StringComparison.Ordinal);
        Assert.Contains("depth:   2", output, StringComparison.Ordinal);
        Assert.Contains($"atoms:       {hostile.Length}", output, StringComparison.Ordinal);

        (exitCode, output) = await ServerProcess.RunToolAsync("dump", folder, "--address", "t");
        Assert.Equal(0, exitCode);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.Equal(hostile.Order(StringComparer.Ordinal), json.RootElement.EnumerateObject().Select(property => property.Name));
            Assert.All(hostile, id => Assert.Equal(id.Length, json.RootElement.GetProperty(id).GetInt32()));
        }

        (exitCode, output) = await ServerProcess.RunToolAsync("diff", data, folder, "--meta", meta, "--other-meta", metaFolder);
        Assert.True(exitCode == 0, output);
        Assert.Contains($"In step: {hostile.Length} leaves", output, StringComparison.Ordinal);

        // One changed leaf, and the diff names it with both values.
        File.WriteAllText(data, File.ReadAllText(data).Replace("\"Todo\":4", "\"Todo\":40", StringComparison.Ordinal));
        (exitCode, output) = await ServerProcess.RunToolAsync("diff", data, folder);
        Assert.Equal(1, exitCode);
        Assert.Contains("t/Todo  40", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"todos":{"t1":[1,2]}}""", "'todos/t1' should be an atom, but is Array")]
    [InlineData("""{"todos":{"t1":"a"},"t2":"b"}""", "'t2' is a leaf at depth 1, others at depth 2")]
    [InlineData("""{"todos":""", "it is not JSON")]
    [InlineData("\"just a value\"", "it holds a single value, not objects of ids")]
    public async Task A_damaged_file_is_one_line_naming_it_and_what_is_wrong(string content, string problem)
    {
        using var directory = new TempDirectory();
        var file = Path.Combine(directory.Path, "data.json");
        File.WriteAllText(file, content);
        var (exitCode, output) = await ServerProcess.RunToolAsync("inspect", file);
        Assert.Equal(2, exitCode);
        Assert.Contains(file, output, StringComparison.Ordinal);
        Assert.Contains(problem, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(file));
    }

    private static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement);
    }
}
