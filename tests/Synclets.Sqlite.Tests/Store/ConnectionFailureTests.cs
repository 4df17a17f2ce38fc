using Microsoft.Data.Sqlite;
using Synclets.Relational;
using Synclets.Sqlite.Tests.Support;

namespace Synclets.Sqlite.Tests.Store;

/// <summary>A file that cannot be opened is named, with what Synclets was doing and SQLite's error inside.</summary>
public sealed class ConnectionFailureTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task A_file_in_a_folder_that_does_not_exist_is_named()
    {
        var path = Path.Combine(_directory.Path, "no such folder", "app.db");
        var (data, meta) = SqliteStore.ForFile(path).CreateConnectors(depth: 2);

        var error = await Assert.ThrowsAsync<StoreConnectionException>(() => Synclet.CreateAsync(new SyncletComponents(data, meta)));

        Assert.StartsWith($"Synclets could not open its SQLite store '{path}': ", error.Message);
        Assert.EndsWith("Check that the folder exists and that this process may write there.", error.Message);
        Assert.IsType<SqliteException>(error.InnerException);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    public void Dispose() => _directory.Dispose();
}
