// The synclets command: `serve` a sync server; `sync` a store with a room; `inspect`, `dump` and `diff` stores.
using System.CommandLine;
using Synclets.Tool;
using Synclets.Tool.Diff;
using Synclets.Tool.Dump;
using Synclets.Tool.Inspect;
using Synclets.Tool.Serve;
using Synclets.Tool.Sync;

// serve keeps its own argument parser (its messages and checks are tested); the root only routes to it.
if (args is ["serve", .. var serveArgs])
{
    return await ServeCommand.RunAsync(serveArgs);
}

var root = new RootCommand("Synclets: serve a sync server, and look into Synclets stores (a SQLite file, or a PostgreSQL connection string).");
root.Subcommands.Add(new Command("serve", "Run a sync server: a WebSocket room broker; with --store or --postgres every room is kept in SQLite or PostgreSQL (`synclets serve --help`)."));

var store = new Argument<string>("STORE") { Description = "A SQLite file, a PostgreSQL connection string (it has an '='), a JSON tree file, or a directory store's folder." };
var scope = new Option<string?>("--scope") { Description = "The tree to read when the store holds several (see inspect)." };
var meta = new Option<string?>("--meta") { Description = "The meta file or folder of a JSON file or directory store: its timestamps, for tombstones and hashes." };

var inspect = new Command("inspect", "Depth, layout, tables, and per tree its atoms, tombstones, root hash and newest timestamp.") { store, meta };
inspect.SetAction((result, token) => Guarded(() => InspectCommand.RunAsync(result.GetValue(store)!, result.GetValue(meta), Console.Out, token)));
root.Subcommands.Add(inspect);

var address = new Option<string?>("--address") { Description = "Only the subtree at this address, ids joined with '/' (todos/t1)." };
var format = new Option<string>("--format") { Description = "The output format: json.", DefaultValueFactory = _ => "json" };
var dump = new Command("dump", "The data tree, or a subtree, as JSON.") { store, address, format, scope };
dump.SetAction((result, token) => Guarded(async () =>
{
    await using var output = Console.OpenStandardOutput();
    return await DumpCommand.RunAsync(result.GetValue(store)!, null, result.GetValue(address), result.GetValue(scope), result.GetValue(format)!, output, token);
}));
root.Subcommands.Add(dump);

var other = new Argument<string>("OTHER") { Description = "The store to compare with." };
var maxAtoms = new Option<int>("--max-atoms") { Description = "How many differing leaves to show.", DefaultValueFactory = _ => 100 };
var otherMeta = new Option<string?>("--other-meta") { Description = "The meta file or folder of OTHER, when it is a JSON file or directory store." };
var diff = new Command("diff", "Whether two stores are in step; if not, the subtrees whose hashes differ, down to the atoms (exit code 1).") { store, other, scope, maxAtoms, meta, otherMeta };
diff.SetAction((result, token) => Guarded(() => DiffCommand.RunAsync(
    result.GetValue(store)!, result.GetValue(meta), result.GetValue(other)!, result.GetValue(otherMeta), result.GetValue(scope), result.GetValue(maxAtoms), Console.Out, token)));
root.Subcommands.Add(diff);

var url = new Argument<string>("URL") { Description = "The room: ws://host:port/room (wss:// through TLS)." };
var depth = new Option<int?>("--depth") { Description = "The depth of the room's tree, for a store that does not exist yet." };
var token = new Option<string?>("--token") { Description = "The server's token (sent as Authorization: Bearer)." };
var json = new Option<bool>("--json") { Description = "Speak JSON, as TypeScript clients and synclets serve --json do (default MessagePack)." };
var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for the room's peers to finish.", DefaultValueFactory = _ => 60 };
var sync = new Command("sync", "Bring a SQLite store in step with a room of a sync server, once, showing progress; exit code 1 if a peer did not finish in time.") { store, url, depth, token, json, timeout };
sync.SetAction((result, cancellation) => Guarded(() => SyncCommand.RunAsync(
    new SyncArguments(result.GetValue(store)!, result.GetValue(url)!, result.GetValue(depth), result.GetValue(token), result.GetValue(json), result.GetValue(timeout)),
    Console.Out,
    Console.Error,
    inPlace: !Console.IsErrorRedirected,
    cancellation)));
root.Subcommands.Add(sync);

return await root.Parse(args).InvokeAsync();

// A mistake the user can fix is one line on standard error and exit code 2, never a stack trace.
static async Task<int> Guarded(Func<Task<int>> command)
{
    try
    {
        return await command();
    }
    catch (ToolException exception)
    {
        Console.Error.WriteLine($"synclets: {exception.Message}");
        return 2;
    }
    catch (System.Data.Common.DbException exception)
    {
        // The store changed or failed under the command (a file replaced, a server gone).
        Console.Error.WriteLine($"synclets: reading the store failed: {exception.Message}");
        return 2;
    }
}
