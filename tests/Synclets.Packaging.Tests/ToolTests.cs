using System.Diagnostics;
using System.Text.RegularExpressions;
using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.WebSockets.Client;

namespace Synclets.Packaging.Tests;

/// <summary>
/// The synclets tool as a user gets it: installed from the packed folder into a tool path, it
/// serves a client whose data it stores, then inspects, dumps and compares that store; a mistake
/// is one line and a non-zero exit, never a stack trace.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed partial class ToolTests(PackedFeed feed)
{
    [Fact]
    public async Task The_installed_tool_serves_a_client_then_inspects_dumps_and_compares_the_store()
    {
        var synclets = await feed.InstallToolAsync();
        var work = Directory.CreateTempSubdirectory("synclets-tool").FullName;
        var store = Path.Combine(work, "sync.db");

        await ServeAndWriteAsync(synclets, ["--store", store, "--depth", "2"], store, room: "team", depth: 2,
            (new Address("todos", "t2"), 2), (new Address("todos", "t1"), "Buy milk"));

        var inspect = await RunAsync(synclets, "inspect", store);
        Assert.Equal(0, inspect.ExitCode);
        Assert.Contains("depth:   2", inspect.Output);
        Assert.Contains("scope 'team'", inspect.Output);
        Assert.Contains("atoms:       2", inspect.Output);
        Assert.Matches(@"root hash:   -?\d+", inspect.Output);

        var dump = await RunAsync(synclets, "dump", store, "--address", "todos");
        Assert.Equal(0, dump.ExitCode);
        using (var json = System.Text.Json.JsonDocument.Parse(dump.Output))
        {
            Assert.Equal(["t1", "t2"], json.RootElement.EnumerateObject().Select(property => property.Name));
            Assert.Equal("Buy milk", json.RootElement.GetProperty("t1").GetString());
            Assert.Equal(2, json.RootElement.GetProperty("t2").GetInt32());
        }

        var copy = Path.Combine(work, "copy.db");
        File.Copy(store, copy);
        Assert.Equal(0, (await RunAsync(synclets, "diff", store, copy)).ExitCode);
        Execute(copy, "UPDATE synclets_tree SET atom = '\"Buy oat milk\"', timestamp = timestamp || 'x' WHERE address2 = 't1'");
        var diff = await RunAsync(synclets, "diff", store, copy);
        Assert.Equal(1, diff.ExitCode);
        Assert.Contains("todos/t1  \"Buy milk\"", diff.Output);
        Assert.Contains("\"Buy oat milk\"", diff.Output);
        Assert.DoesNotContain("todos/t2 ", diff.Output);
        Directory.Delete(work, recursive: true);
    }

    [PostgresFact]
    public async Task The_installed_tool_serves_rooms_from_PostgreSQL_and_reads_them_back()
    {
        var synclets = await feed.InstallToolAsync();
        var schema = "tool" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString) { SearchPath = schema }.ConnectionString;
        await using (var admin = Npgsql.NpgsqlDataSource.Create(PostgresFactAttribute.ConnectionString!))
        {
            await admin.CreateCommand($"CREATE SCHEMA \"{schema}\"").ExecuteNonQueryAsync();
        }

        try
        {
            await ServeAndWriteAsync(synclets, ["--postgres", connectionString], connectionString, room: "lobby", depth: 1,
                (new Address("motd"), "hello from PostgreSQL"));

            var inspect = await RunAsync(synclets, "inspect", connectionString);
            Assert.Equal(0, inspect.ExitCode);
            Assert.Contains("(PostgreSQL)", inspect.Output);
            Assert.Contains("scope 'lobby'", inspect.Output);
            Assert.Contains("atoms:       1", inspect.Output);
            Assert.Equal(0, (await RunAsync(synclets, "diff", connectionString, connectionString)).ExitCode);
        }
        finally
        {
            await using var admin = Npgsql.NpgsqlDataSource.Create(PostgresFactAttribute.ConnectionString!);
            await admin.CreateCommand($"DROP SCHEMA \"{schema}\" CASCADE").ExecuteNonQueryAsync();
        }
    }

    [Theory]
    [InlineData("inspect|/no/such/file.db", "There is no file '/no/such/file.db'.")]
    [InlineData("dump|{not-a-store}", "is not a Synclets store: it has no synclets_tree table.")]
    [InlineData("dump|{store}|--format|xml", "--format xml is not known; the one format is json.")]
    [InlineData("dump|{store}|--address|a/b/c", "The address has 3 ids, but")]
    [InlineData("inspect|Host=127.0.0.1;Port=1;Timeout=1", "Cannot connect to the PostgreSQL database")]
    [InlineData("serve|--depth|2", "--depth and --json describe stored rooms: use them with --store or --postgres.")]
    [InlineData("serve|--postgres|Host=127.0.0.1;Port=1;Timeout=1", "--postgres: cannot connect to the PostgreSQL database")]
    [InlineData("serve|--cluster-id|blue", "--cluster-id and --silo describe a cluster node: use them with --cluster.")]
    [InlineData("serve|--cluster|Host=127.0.0.1;Port=1;Timeout=1", "--cluster: cannot prepare the cluster's membership tables in the PostgreSQL database")]
    [InlineData("serve|--cluster|Host=127.0.0.1|--store|{store}", "--store keeps rooms in a file of this machine, which other nodes cannot share")]
    [InlineData("serve|--cluster|Host=127.0.0.1|--silo|127.0.0.1:0", "--silo takes an IP address and a port, as in 127.0.0.1:11111; '127.0.0.1:0' is not one.")]
    [InlineData("diff|{store}|{not-a-store}", "is not a Synclets store")]
    [InlineData("inspect|{empty}", "holds no tables yet: no synclet has written to it")]
    [InlineData("dump|{damaged}", "holds a value the dump cannot write as JSON")]
    public async Task A_mistake_is_one_clear_line_and_a_non_zero_exit(string arguments, string message)
    {
        var synclets = await feed.InstallToolAsync();
        var work = Directory.CreateTempSubdirectory("synclets-tool").FullName;
        var notAStore = Path.Combine(work, "plain.db");
        Execute(notAStore, "CREATE TABLE notes (id TEXT)");
        var store = Path.Combine(work, "depth2.db");
        Execute(store, "CREATE TABLE synclets_tree (scope TEXT, address1 TEXT, address2 TEXT, atom TEXT, timestamp TEXT); CREATE TABLE synclets_hashes (scope TEXT, address TEXT, hash INTEGER)");

        var damaged = Path.Combine(work, "damaged.db");
        Execute(damaged, "CREATE TABLE synclets_tree (scope TEXT, address1 TEXT, atom TEXT, timestamp TEXT); INSERT INTO synclets_tree VALUES ('', 'a', '{not json', 'T')");
        var empty = Path.Combine(work, "empty.db");
        Execute(empty, "PRAGMA user_version = 1");
        var result = await RunAsync(synclets, [.. arguments.Replace("{not-a-store}", notAStore).Replace("{store}", store).Replace("{empty}", empty).Replace("{damaged}", damaged).Split('|')]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Output);
        Assert.DoesNotContain("   at ", result.Output);   // no stack trace
        Directory.Delete(work, recursive: true);
    }

    /// <summary>
    /// Runs <c>synclets serve</c> with <paramref name="storeArguments"/>, has a client of
    /// <paramref name="depth"/> write <paramref name="writes"/> into <paramref name="room"/>, waits
    /// until <c>synclets dump</c> of <paramref name="store"/> shows the last one, and stops the server.
    /// </summary>
    private static async Task ServeAndWriteAsync(string synclets, string[] storeArguments, string store, string room, int depth, params (Address Address, Atom Atom)[] writes)
    {
        using var server = Process.Start(Start(synclets, ["serve", "--urls", "http://127.0.0.1:0", .. storeArguments]))!;
        try
        {
            var url = await ListeningUrlAsync(server);
            await using var client = await Synclet.CreateAsync(
                new SyncletComponents(new MemoryDataConnector(depth), new MemoryMetaConnector(depth), new WsClientTransport(new Uri(url, room))),
                options: new SyncletOptions { Id = "client" });
            await client.StartAsync();
            foreach (var (address, atom) in writes)
            {
                await client.SetAtomAsync(address, atom);
            }

            var last = writes[^1].Atom.ToString();
            await UntilAsync(async () => (await RunAsync(synclets, "dump", store)).Output.Contains(last), "the server stores what the client wrote");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static ProcessStartInfo Start(string file, params string[] arguments) => new(file, arguments)
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };

    /// <summary>A run of the tool: each one is short, so two minutes is a generous bound.</summary>
    private static Task<(int ExitCode, string Output)> RunAsync(string file, params string[] arguments) =>
        PackedFeed.RunWithinAsync(TimeSpan.FromMinutes(2), file, arguments);

    /// <summary>The address Kestrel says it listens on (the port was 0), as a ws:// URL.</summary>
    private static async Task<Uri> ListeningUrlAsync(Process server)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await server.StandardOutput.ReadLineAsync().WaitAsync(deadline - DateTime.UtcNow) is { } line)
        {
            if (ListeningOn().Match(line) is { Success: true } match)
            {
                _ = server.StandardOutput.ReadToEndAsync();   // keep draining so the server never blocks on a full pipe
                return new Uri($"ws://{match.Groups["authority"].Value}/");
            }
        }

        throw new InvalidOperationException("The server exited before it listened: " + await server.StandardError.ReadToEndAsync());
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(100);   // polling a condition with a deadline (each check runs a process)
        }
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [GeneratedRegex(@"Now listening on: http://(?<authority>[^\s/]+)")]
    private static partial Regex ListeningOn();
}
