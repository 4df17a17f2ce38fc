using System.Globalization;

namespace Synclets.Tool.Serve;

/// <summary>The command line of the server, checked before anything starts.</summary>
/// <param name="Urls">Where to listen, semicolon-separated.</param>
/// <param name="StorePath">The SQLite file every room is stored in, or null.</param>
/// <param name="Postgres">The PostgreSQL connection string of the database every room is stored in, or null.</param>
/// <param name="Depth">The depth of stored rooms' trees.</param>
/// <param name="Json">Whether stored rooms speak JSON rather than MessagePack.</param>
/// <param name="Token">The secret clients must present, or null when anyone may join.</param>
/// <param name="MaxRooms">How many rooms may be open at once.</param>
/// <param name="MaxNewRoomsPerClient">How many rooms one client address may open per minute.</param>
/// <param name="Cluster">Where this node joins a cluster: null for a server on its own.</param>
internal sealed record ServerArguments(string Urls, string? StorePath, string? Postgres, int Depth, bool Json, string? Token, int MaxRooms, int MaxNewRoomsPerClient, ClusterArguments? Cluster = null)
{
    /// <summary>The deepest tree the wire format carries.</summary>
    private const int MaxDepth = 30;

    public const string Usage = """
        usage: synclets serve [--urls <url>[;<url>...]] [--token <secret> | --token-file <path>]
                              [--store <file.db> | --postgres <connection string>] [--depth <n>] [--json]
                              [--max-rooms <n>] [--max-new-rooms-per-client <n>]
                              [--cluster <connection string> [--cluster-id <id>] [--silo <ip>:<port>]]
          --urls        where to listen (default http://127.0.0.1:8043); clients connect to ws://<host>:<port>/<room>
          --token       the secret every client must send to join a room, as "Authorization: Bearer <secret>"
                        or in the URL, ws://<host>:<port>/<room>?token=<secret> (browsers cannot set headers);
                        others get 401. Without a token, anyone who can reach the server can read, write and
                        delete every room
          --token-file  the same secret read from a file (surrounding whitespace ignored), so it does not
                        show in the list of processes
          --store       every room keeps its data on the server, all in this SQLite file (created if missing);
                        without it the server only relays between the clients of a room
          --postgres    every room keeps its data on the server, all in this PostgreSQL database (its tables
                        are created in the connection's schema), as with --store
          --depth       the number of ids in an atom's address in stored rooms, 1 to 30 (default 1); a room
                        stored at one depth is refused (503, logged) when the server restarts with another
          --json        stored rooms speak JSON, as TypeScript clients do (default MessagePack, as .NET clients do)
          --max-rooms   how many rooms may be open at once (default 10000, or 1000 with --store); a client
                        asking for another room gets 503 until one closes, while open rooms can be joined
          --max-new-rooms-per-client
                        how many rooms one client address may open per minute (default 100); more get 503
          --cluster     join a cluster of servers (Microsoft Orleans) whose membership is kept in this
                        PostgreSQL database (its tables are created if missing): a client may connect to any
                        node and meets its room's clients on every node. Rooms are stored with --postgres,
                        which every node must share (--store cannot be shared)
          --cluster-id  the cluster's name (default synclets): nodes with the same database and name form one
          --silo        the address and port other nodes reach this one at (default 127.0.0.1:11111); each
                        node on one machine needs its own port
        """;

    /// <summary>Rooms open at once without <c>--store</c>: a relayed room costs a few kilobytes.</summary>
    private const int DefaultMaxRooms = 10_000;

    /// <summary>
    /// Rooms open at once with <c>--store</c>: each keeps a synclet and a SQLite connection with its
    /// prepared statements and page cache, about 250 KB (500 rooms took a server from about 60 MiB to
    /// 188 MiB), so a thousand stay near 310 MB.
    /// </summary>
    private const int DefaultMaxStoredRooms = 1_000;

    private const int DefaultMaxNewRoomsPerClient = 100;

    /// <summary>Reads the arguments (and the token file, if one is named).</summary>
    /// <exception cref="ArgumentException">An argument is unknown, misses its value, or is out of range; the message says which.</exception>
    public static ServerArguments Parse(string[] args)
    {
        var (urls, store, depth, json) = ("http://127.0.0.1:8043", (string?)null, (int?)null, false);
        string? postgres = null;
        var (token, tokenFile, maxRooms, maxNewRooms) = ((string?)null, (string?)null, (int?)null, DefaultMaxNewRoomsPerClient);
        var (cluster, clusterId, silo) = ((string?)null, (string?)null, (string?)null);
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
                case "--token":
                    token = Value();
                    break;
                case "--token-file":
                    tokenFile = Value();
                    break;
                case "--store":
                    store = Value();
                    break;
                case "--postgres":
                    postgres = Value();
                    break;
                case "--depth":
                    depth = WholeNumber(name, Value(), 1, MaxDepth);
                    break;
                case "--json":
                    json = true;
                    break;
                case "--max-rooms":
                    maxRooms = WholeNumber(name, Value(), 1, int.MaxValue);
                    break;
                case "--max-new-rooms-per-client":
                    maxNewRooms = WholeNumber(name, Value(), 1, int.MaxValue);
                    break;
                case "--cluster":
                    cluster = Value();
                    break;
                case "--cluster-id":
                    clusterId = Value();
                    break;
                case "--silo":
                    silo = Value();
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

        if (store is not null && postgres is not null)
        {
            throw new ArgumentException("Give one store: --store or --postgres, not both.");
        }

        if (store is null && postgres is null && (depth is not null || json))
        {
            // Without a store the broker relays packets as they come, whatever their depth or format.
            throw new ArgumentException("--depth and --json describe stored rooms: use them with --store or --postgres.");
        }

        if (store is not null && Path.GetDirectoryName(Path.GetFullPath(store)) is { } directory && !Directory.Exists(directory))
        {
            throw new ArgumentException($"--store: the directory '{directory}' does not exist.");
        }

        var secret = TokenOf(token, tokenFile);
        var stored = store is not null || postgres is not null;
        var clusterArguments = ClusterArguments.Parse(cluster, clusterId, silo, store);
        return new ServerArguments(urls, store, postgres, depth ?? 1, json, secret, maxRooms ?? (stored ? DefaultMaxStoredRooms : DefaultMaxRooms), maxNewRooms, clusterArguments);
    }

    private static int WholeNumber(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}; '{text}' is not.");

    private static string? TokenOf(string? token, string? tokenFile)
    {
        if (token is not null && tokenFile is not null)
        {
            throw new ArgumentException("Give the token once: --token or --token-file, not both.");
        }

        if (tokenFile is not null)
        {
            try
            {
                token = File.ReadAllText(tokenFile);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new ArgumentException($"--token-file: '{tokenFile}' cannot be read: {exception.Message}", exception);
            }
        }

        // A file usually ends with a line break, which is not part of the secret.
        token = token?.Trim();
        return token switch
        {
            null => null,
            "" => throw new ArgumentException(tokenFile is null ? "--token must not be empty." : $"--token-file: '{tokenFile}' holds no token."),
            _ when token.Any(char.IsWhiteSpace) => throw new ArgumentException("The token must not contain spaces or line breaks: clients could not send it in a header."),
            _ => token,
        };
    }
}
