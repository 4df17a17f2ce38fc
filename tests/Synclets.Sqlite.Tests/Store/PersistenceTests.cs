using Synclets.Sqlite.Tests.Support;

namespace Synclets.Sqlite.Tests.Store;

/// <summary>What a synclet writes is in the file after it is disposed, and a new synclet reads it back.</summary>
public sealed class PersistenceTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Atoms_and_timestamps_survive_reopening(int depth)
    {
        var path = _directory.NewDatabase();
        var address = new Address(Enumerable.Range(0, depth).Select(i => "id" + i).ToArray());
        DataTree data;
        MetaTree meta;
        await using (var synclet = await SqliteSynclets.CreateAsync(path, depth))
        {
            await synclet.SetAtomAsync(address, "kept");
            await synclet.SetAtomAsync(address.Parent.Append("number"), 2.5);
            await synclet.SetAtomAsync(address.Parent.Append("gone"), true);
            await synclet.DelAtomAsync(address.Parent.Append("gone"));
            data = await synclet.GetDataAsync();
            meta = await synclet.GetMetaAsync();
        }

        await using var reopened = await SqliteSynclets.CreateAsync(path, depth);
        Assert.Equal(data, await reopened.GetDataAsync());
        Assert.Equal(meta, await reopened.GetMetaAsync());
        Assert.Equal("kept", await reopened.GetAtomAsync(address));
        Assert.Null(await reopened.GetAtomAsync(address.Parent.Append("gone")));
    }

    [Fact]
    public async Task Disposing_the_synclet_releases_the_file()
    {
        var path = _directory.NewDatabase();
        await using (var synclet = await SqliteSynclets.CreateAsync(path, 2))
        {
            await synclet.SetAtomAsync(new Address("r", "c"), 1);
        }

        File.Delete(path);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task The_journal_is_write_ahead_by_default()
    {
        var path = _directory.NewDatabase();
        await using var synclet = await SqliteSynclets.CreateAsync(path, 2);
        Assert.Equal("wal", Probe.Scalar(path, "PRAGMA journal_mode"));
    }

    public void Dispose() => _directory.Dispose();
}
