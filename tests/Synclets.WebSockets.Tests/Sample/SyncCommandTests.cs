using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.Sqlite;
using Synclets.WebSockets.Client;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Sample;

/// <summary>
/// <c>synclets sync</c> brings a SQLite file in step with a stored room of <c>synclets serve</c>,
/// showing its progress, and says plainly when it could not.
/// </summary>
public sealed class SyncCommandTests
{
    private const string Token = "sync-command-secret";
    private const int Atoms = 20_000;

    [Fact]
    public async Task A_new_file_receives_the_whole_room_and_the_progress_is_shown()
    {
        using var directory = new TempDirectory();
        await using var server = await ServerProcess.StartAsync("--store", Path.Combine(directory.Path, "rooms.db"), "--depth", "2", "--token", Token);
        var room = new Uri(server.Url, "big");
        await using (var writer = await Synclet.CreateAsync(new SyncletComponents(
            new MemoryDataConnector(2), new MemoryMetaConnector(2), new WsClientTransport(new Uri(room + $"?token={Token}")))))
        {
            await writer.SetAtomsAsync(Enumerable.Range(0, Atoms).Select(i => KeyValuePair.Create(new Address("r" + (i / 100), "c" + (i % 100)), (Atom?)i)), sync: false);
            await writer.StartAsync();
            Assert.True((await writer.WhenSyncedAsync()).IsComplete);
        }

        var file = Path.Combine(directory.Path, "copy.db");
        var (exitCode, output) = await ServerProcess.RunToolAsync("sync", file, room.ToString(), "--depth", "2", "--token", Token);

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"\[#+-*\] [\d,]+ atoms received", output);
        Assert.Contains($"complete in", output);
        Assert.Contains($"{Atoms:N0} atoms received", output);
        var (data, meta) = SqliteStore.ForFile(file).CreateConnectors(2);
        await using var copy = await Synclet.CreateAsync(new SyncletComponents(data, meta));
        Assert.Equal(Atoms, (await copy.GetDataAsync()).Leaves().Count());
    }

    [Fact]
    public async Task Without_the_token_it_says_no_peer_answered_and_exits_with_1()
    {
        using var directory = new TempDirectory();
        await using var server = await ServerProcess.StartAsync("--token", Token);

        var (exitCode, output) = await ServerProcess.RunToolAsync("sync", Path.Combine(directory.Path, "copy.db"), new Uri(server.Url, "room").ToString(), "--depth", "1", "--timeout", "1");

        Assert.Equal(1, exitCode);
        Assert.Contains("incomplete", output);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1/room", "is not a room's address")]
    [InlineData("ws://127.0.0.1:1/room", "does not exist yet: give the depth")]
    public async Task A_mistake_is_one_line_and_exit_code_2(string url, string message)
    {
        using var directory = new TempDirectory();
        var arguments = new List<string> { "sync", Path.Combine(directory.Path, "new.db"), url };
        if (url.StartsWith("http", StringComparison.Ordinal))
        {
            arguments.AddRange(["--depth", "1"]);
        }

        var (exitCode, output) = await ServerProcess.RunToolAsync([.. arguments]);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
