using Synclets.Connectors.Files;

namespace Synclets.Tests.Connectors.Files;

/// <summary>
/// Any id is a safe name in a directory store: each hostile id is stored, read back after a
/// restart and listed as itself, nothing is written outside the store's folder, and folders a
/// deletion empties are removed.
/// </summary>
public sealed class DirectoryNamesTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("synclets-directory-names-");

    public static TheoryData<string, string> HostileIds => new()
    {
        { "dot dot", ".." },
        { "dot", "." },
        { "slash", "a/../../escaped" },
        { "backslash", "a\\..\\..\\escaped" },
        { "NUL", "a\0b" },
        { "control characters", "\u0001\u001f\u007f\n\r\t" },
        { "empty", string.Empty },
        { "very long", new string('x', 300) + "/" + new string('é', 200) },
        { "device name", "CON" },
        { "device name with extension", "nul.txt" },
        { "percent", "%2E%2E" },
        { "continuation look-alike", "%+abc" },
        { "emoji", "🙂 \u2028" },
    };

    [Theory]
    [MemberData(nameof(HostileIds))]
    public async Task A_hostile_id_is_stored_read_back_and_listed_as_itself_inside_the_folder(string what, string id)
    {
        var store = Path.Combine(_directory.FullName, "store");
        await using (var synclet = await OpenAsync(store))
        {
            await synclet.SetAtomAsync(new Address(id, id), what);
            await synclet.SetAtomAsync(new Address("plain", id), 1);
        }

        await using var reopened = await OpenAsync(store);
        Assert.Equal(what, (await reopened.GetAtomAsync(new Address(id, id)))?.AsString());
        Assert.Equal(1, (await reopened.GetAtomAsync(new Address("plain", id)))?.AsInteger());
        Assert.Contains(id, await reopened.DataConnector!.ReadChildIdsAsync(Address.Root));
        Assert.Equal([id], await reopened.MetaConnector!.ReadChildIdsAsync(new Address(id)));
        Assert.Equal(["store"], _directory.EnumerateFileSystemInfos().Select(entry => entry.Name));
        Assert.All(Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories), file => Assert.StartsWith(store + Path.DirectorySeparatorChar, Path.GetFullPath(file)));
        Assert.All(Directory.EnumerateFileSystemEntries(store, "*", SearchOption.AllDirectories), entry => Assert.True(System.Text.Encoding.UTF8.GetByteCount(Path.GetFileName(entry)) <= 255));
    }

    [Fact]
    public async Task Ids_that_differ_only_by_case_stay_apart()
    {
        await using var synclet = await OpenAsync(Path.Combine(_directory.FullName, "store"));

        await synclet.SetAtomAsync(new Address("Todo", "A"), 1);
        await synclet.SetAtomAsync(new Address("todo", "a"), 2);

        Assert.Equal(1, (await synclet.GetAtomAsync(new Address("Todo", "A")))?.AsInteger());
        Assert.Equal(2, (await synclet.GetAtomAsync(new Address("todo", "a")))?.AsInteger());
        Assert.Equal(["Todo", "todo"], (await synclet.DataConnector!.ReadChildIdsAsync(Address.Root)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_deletion_removes_the_folders_it_empties()
    {
        var store = Path.Combine(_directory.FullName, "store");
        await using var synclet = await OpenAsync(store, depth: 3);
        await synclet.SetAtomAsync(new Address("t", "r", new string('z', 500)), 1);
        await synclet.SetAtomAsync(new Address("t", "keep", "c"), 2);

        await synclet.DelAtomAsync(new Address("t", "r", new string('z', 500)));

        var data = Path.Combine(store, "data");
        Assert.Equal(["keep"], Directory.EnumerateDirectories(Path.Combine(data, "t")).Select(Path.GetFileName));
        Assert.True(Directory.Exists(Path.Combine(store, "meta", "t", "r")), "the timestamp of the deleted atom stays, as a tombstone");
    }

    [Fact]
    public async Task Plain_ids_are_named_as_the_TypeScript_directory_connector_names_them()
    {
        var store = Path.Combine(_directory.FullName, "store");
        await using var synclet = await OpenAsync(store, depth: 3);

        await synclet.SetAtomAsync(new Address("todos", "t1.json", "a b*~"), "Buy milk");

        var file = Path.Combine(store, "data", "todos", "t1%2Ejson", "a%20b%2A%7E");
        Assert.True(File.Exists(file), string.Join(", ", Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories)));
        Assert.Equal("\"Buy milk\"", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task A_damaged_leaf_file_is_a_clear_error_naming_it()
    {
        var store = Path.Combine(_directory.FullName, "store");
        await using var synclet = await OpenAsync(store);
        await synclet.SetAtomAsync(new Address("notes", "n1"), "fine");
        var file = Path.Combine(store, "data", "notes", "n1");
        await File.WriteAllTextAsync(file, "{not json");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => synclet.GetAtomAsync(new Address("notes", "n1")));

        Assert.Contains(file, error.Message);
        Assert.Equal("{not json", await File.ReadAllTextAsync(file));
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static Task<Synclet> OpenAsync(string store, int depth = 2) =>
        Synclet.CreateAsync(new SyncletComponents(
            new DirectoryDataConnector(Path.Combine(store, "data"), depth),
            new DirectoryMetaConnector(Path.Combine(store, "meta"), depth)));
}
