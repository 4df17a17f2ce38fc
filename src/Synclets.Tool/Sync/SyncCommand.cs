using Synclets.Sqlite;
using Synclets.Tool.Stores;
using Synclets.WebSockets.Client;
using Synclets.Wire;

namespace Synclets.Tool.Sync;

/// <summary>
/// <c>synclets sync STORE URL</c>: brings a SQLite store in step with a room of a sync server, once,
/// showing progress, and says how it went (exit code 1 when a peer did not finish in time).
/// </summary>
internal static class SyncCommand
{
    public static async Task<int> RunAsync(SyncArguments arguments, TextWriter output, TextWriter progressOutput, bool inPlace, CancellationToken cancellationToken)
    {
        var depth = await DepthOfAsync(arguments.Store, arguments.Depth, cancellationToken);
        if (!Uri.TryCreate(arguments.Url, UriKind.Absolute, out var url) || url.Scheme is not ("ws" or "wss"))
        {
            throw new ToolException($"'{arguments.Url}' is not a room's address: give ws://host:port/room (or wss://).");
        }

        if (!(arguments.TimeoutSeconds is > 0 and <= 86_400))
        {
            throw new ToolException("--timeout must be a number of seconds above 0 and at most 86400 (a day).");
        }

        var transport = new WsClientTransport(url, new WsClientTransportOptions
        {
            WireFormat = arguments.Json ? WireFormat.Json : WireFormat.MessagePack,
            ConfigureSocket = arguments.Token is { } token ? socket => socket.SetRequestHeader("Authorization", $"Bearer {token}") : null,
        });
        var (data, meta) = SqliteStore.ForFile(arguments.Store).CreateConnectors(depth);
        await using var synclet = await Synclet.CreateAsync(
            new SyncletComponents(data, meta, transport),
            options: new SyncletOptions { Name = "synclets-tool", SyncInterval = Timeout.InfiniteTimeSpan, SyncTimeout = TimeSpan.FromSeconds(arguments.TimeoutSeconds) },
            cancellationToken: cancellationToken);

        var progress = new ProgressBar(progressOutput, inPlace);
        await synclet.StartAsync(cancellationToken);
        var result = await synclet.WhenSyncedAsync(progress, cancellationToken);
        progress.Finish();
        output.WriteLine($"{arguments.Store} ⇄ {url.GetLeftPart(UriPartial.Path)}: {result}");
        return result.IsComplete ? 0 : 1;
    }

    /// <summary>The depth of an existing store (which --depth, if given, must match), or --depth for a new one.</summary>
    private static async Task<int> DepthOfAsync(string store, int? depth, CancellationToken cancellationToken)
    {
        if (store.Contains('='))
        {
            throw new ToolException("sync works on a SQLite file; a PostgreSQL store syncs through an app or synclets serve --postgres.");
        }

        if (!File.Exists(store))
        {
            return depth is >= 1 and <= 30 ? depth.Value : throw new ToolException($"'{store}' does not exist yet: give the depth of the room's tree with --depth <n> (1 to 30).");
        }

        await using var reader = await SqlStoreReader.OpenAsync(store, cancellationToken);
        if (depth is { } given && given != reader.Depth)
        {
            throw new ToolException($"'{store}' holds a tree of depth {reader.Depth}, not {given}.");
        }

        return reader.Depth;
    }
}

/// <summary>What <c>synclets sync</c> was asked.</summary>
internal sealed record SyncArguments(string Store, string Url, int? Depth, string? Token, bool Json, double TimeoutSeconds);
