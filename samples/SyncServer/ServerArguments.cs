using System.Globalization;

namespace SyncServer;

/// <summary>The command line of the server, checked before anything starts.</summary>
internal sealed record ServerArguments(string Urls, string? StorePath, int Depth, bool Json)
{
    /// <summary>The deepest tree the wire format carries.</summary>
    private const int MaxDepth = 30;

    public const string Usage = """
        usage: SyncServer [--urls <url>[;<url>...]] [--store <file.db> [--depth <n>] [--json]]
          --urls   where to listen (default http://127.0.0.1:8043); clients connect to ws://<host>:<port>/<room>
          --store  every room keeps its data on the server, all in this SQLite file (created if missing);
                   without it the server only relays between the clients of a room
          --depth  the number of ids in an atom's address in stored rooms, 1 to 30 (default 1); a room
                   stored at one depth is refused (503, logged) when the server restarts with another
          --json   stored rooms speak JSON, as TypeScript clients do (default MessagePack, as .NET clients do)
        """;

    /// <summary>Reads the arguments.</summary>
    /// <exception cref="ArgumentException">An argument is unknown, misses its value, or is out of range; the message says which.</exception>
    public static ServerArguments Parse(string[] args)
    {
        var (urls, store, depth, json) = ("http://127.0.0.1:8043", (string?)null, (int?)null, false);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--urls":
                    urls = Value();
                    break;
                case "--store":
                    store = Value();
                    break;
                case "--depth":
                    var text = Value();
                    depth = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= MaxDepth
                        ? number
                        : throw new ArgumentException($"--depth must be a whole number from 1 to {MaxDepth}; '{text}' is not.");
                    break;
                case "--json":
                    json = true;
                    break;
                default:
                    throw new ArgumentException($"'{name}' is not an option of this server.");
            }
        }

        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).DefaultIfEmpty(string.Empty))
        {
            if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"--urls takes http:// or https:// addresses (clients then use ws:// or wss://); '{url}' is not one.");
            }
        }

        if (store is null && (depth is not null || json))
        {
            // Without a store the broker relays packets as they come, whatever their depth or format.
            throw new ArgumentException("--depth and --json describe stored rooms: use them with --store.");
        }

        if (store is not null && Path.GetDirectoryName(Path.GetFullPath(store)) is { } directory && !Directory.Exists(directory))
        {
            throw new ArgumentException($"--store: the directory '{directory}' does not exist.");
        }

        return new ServerArguments(urls, store, depth ?? 1, json);
    }
}
