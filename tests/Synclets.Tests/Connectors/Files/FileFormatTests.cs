using System.Text.Json;
using Synclets.Connectors.Files;
using Synclets.Hashing;

namespace Synclets.Tests.Connectors.Files;

/// <summary>
/// The files are laid out as the TypeScript Synclets' file connectors lay them out — the data
/// tree as nested objects of atoms, the meta tree as nested objects of timestamps, a deleted atom
/// gone from data but kept in meta — so a file opens in either implementation; and they survive a
/// restart, hashes included.
/// </summary>
public sealed class FileFormatTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("synclets-file-format-");

    private string DataFile => Path.Combine(_directory.FullName, "data.json");

    private string MetaFile => Path.Combine(_directory.FullName, "meta.json");

    [Fact]
    public async Task The_files_hold_nested_objects_of_atoms_and_of_timestamps()
    {
        await using (var synclet = await OpenAsync(depth: 3))
        {
            await synclet.SetAtomAsync(new Address("todos", "t1", "title"), "Buy milk");
            await synclet.SetAtomAsync(new Address("todos", "t1", "done"), false);
            await synclet.SetAtomAsync(new Address("todos", "t2", "priority"), 2.5);
            await synclet.SetAtomAsync(new Address("todos", "t2", "title"), "gone");
            await synclet.DelAtomAsync(new Address("todos", "t2", "title"));
        }

        Assert.Equal("""{"todos":{"t1":{"title":"Buy milk","done":false},"t2":{"priority":2.5}}}""", await File.ReadAllTextAsync(DataFile));
        using var meta = JsonDocument.Parse(await File.ReadAllTextAsync(MetaFile));
        var t2 = meta.RootElement.GetProperty("todos").GetProperty("t2");
        Assert.Equal(["priority", "title"], t2.EnumerateObject().Select(property => property.Name).Order());
        Assert.All(meta.RootElement.GetProperty("todos").EnumerateObject().SelectMany(row => row.Value.EnumerateObject()),
            cell => Assert.Matches("^[-0-9A-Za-z_]{16}$", cell.Value.GetString()));
    }

    [Fact]
    public async Task Files_written_the_TypeScript_way_open_with_their_hashes()
    {
        const string first = "P8Fa0Zr----0AbCd", second = "P8Fa0Zs----0AbCd", deleted = "P8Fa0Zt----0AbCd";
        await File.WriteAllTextAsync(DataFile, """{"notes":{"n1":"hello","n2":42}}""");
        await File.WriteAllTextAsync(MetaFile, $$$"""{"notes":{"n1":"{{{first}}}","n2":"{{{second}}}","n3":"{{{deleted}}}"}}""");

        await using var synclet = await OpenAsync(depth: 2);

        Assert.Equal("hello", (await synclet.GetAtomAsync(new Address("notes", "n1")))?.AsString());
        Assert.Equal(42, (await synclet.GetAtomAsync(new Address("notes", "n2")))?.AsInteger());
        Assert.Null(await synclet.GetAtomAsync(new Address("notes", "n3")));
        var expected = Fnv1a.HashTimestamp(first) ^ Fnv1a.HashTimestamp(second) ^ Fnv1a.HashTimestamp(deleted);
        Assert.Equal(expected, await synclet.MetaConnector!.ReadHashAsync(Address.Root));
        Assert.Equal(expected, await synclet.MetaConnector.ReadHashAsync(new Address("notes")));
    }

    [Fact]
    public async Task An_empty_file_is_an_empty_tree_and_a_missing_one_is_made_on_the_first_write()
    {
        await File.WriteAllTextAsync(DataFile, string.Empty);   // what the TypeScript connector creates
        await using var synclet = await OpenAsync(depth: 1);
        Assert.Empty((await synclet.GetDataAsync()).Leaves());
        Assert.False(File.Exists(MetaFile));

        await synclet.SetAtomAsync(new Address("k"), "v");

        Assert.Equal("""{"k":"v"}""", await File.ReadAllTextAsync(DataFile));
        Assert.True(File.Exists(MetaFile));
        Assert.Empty(_directory.GetFiles("*.tmp"));
    }

    [Fact]
    public async Task What_a_synclet_wrote_is_there_after_a_restart()
    {
        uint hash;
        await using (var synclet = await OpenAsync(depth: 2))
        {
            await synclet.SetAtomsAsync(Enumerable.Range(0, 100).Select(i => KeyValuePair.Create(new Address("r" + (i % 7), "c" + i), (Atom?)i)));
            await synclet.DelAtomAsync(new Address("r0", "c0"));
            hash = await synclet.MetaConnector!.ReadHashAsync(Address.Root);
        }

        await using var reopened = await OpenAsync(depth: 2);
        Assert.Equal(99, (await reopened.GetDataAsync()).Leaves().Count());
        Assert.Equal(100, (await reopened.GetMetaAsync()).Leaves().Count());
        Assert.Equal(hash, await reopened.MetaConnector!.ReadHashAsync(Address.Root));
    }

    [Theory]
    [InlineData("""{"todos":{"t1":""", "it is not JSON")]
    [InlineData("""[1, 2]""", "the top level should be an object of ids")]
    [InlineData("""{"todos":"flat"}""", "'todos' should be an object of ids")]
    [InlineData("""{"todos":{"t1":{"deeper":1}}}""", "'todos/t1' should be an atom")]
    public async Task A_damaged_file_is_a_clear_error_and_is_left_as_it_is(string content, string problem)
    {
        await File.WriteAllTextAsync(DataFile, content);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => OpenAsync(depth: 2));

        Assert.Contains(DataFile, error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Equal(content, await File.ReadAllTextAsync(DataFile));
    }

    [Fact]
    public async Task A_meta_file_of_the_wrong_depth_is_a_clear_error()
    {
        await File.WriteAllTextAsync(MetaFile, """{"k":"P8Fa0Zr----0AbCd"}""");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => OpenAsync(depth: 2));

        Assert.Contains(MetaFile, error.Message);
        Assert.Contains("'k' should be an object of ids, one level of a tree of depth 2", error.Message);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private Task<Synclet> OpenAsync(int depth) =>
        Synclet.CreateAsync(new SyncletComponents(new FileDataConnector(DataFile, depth), new FileMetaConnector(MetaFile, depth)));
}
