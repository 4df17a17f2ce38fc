using System.Text;
using System.Text.Json;
using Synclets.Connectors.Files;

namespace Synclets.Tool.Stores;

/// <summary>
/// Reads the stores of the file and directory connectors: a tree in one JSON file (nested objects,
/// atoms as leaves), or a folder per id and a file per atom. The data holds no timestamps; the
/// meta file or folder, when given, adds them, the tombstones (timestamps of atoms no longer in the
/// data), and the hashes, derived from the timestamps as the connectors derive them. The depth is
/// read from the tree itself. Nothing is written: not even the temporary files a killed writer
/// left, which the connectors remove on opening.
/// </summary>
internal sealed class TreeFilesStoreReader : StoreReader
{
    /// <summary>The deepest tree a synclet keeps; deeper nesting is refused before it costs anything.</summary>
    private const int MaxDepth = 30;

    private readonly Dictionary<string, StoreLeaf> _leaves;
    private readonly string? _meta;

    private TreeFilesStoreReader(string path, string kind, string? meta, int depth, Dictionary<string, StoreLeaf> leaves)
    {
        Name = $"'{path}'";
        Kind = kind;
        Depth = depth;
        _meta = meta;
        _leaves = leaves;
    }

    public override string Name { get; }

    public override string Kind { get; }

    /// <summary>
    /// Whether <paramref name="path"/> is a JSON tree file rather than a SQLite database: named
    /// <c>.json</c>, or beginning with an object (or empty), and not beginning as SQLite files do.
    /// </summary>
    public static bool IsJsonFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        Span<byte> start = stackalloc byte[16];
        using (var file = File.OpenRead(path))
        {
            start = start[..file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false)];
        }

        if (start.SequenceEqual("SQLite format 3\0"u8))
        {
            return false;
        }

        var text = start.TrimStart(" \t\r\n"u8);
        return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || text.IsEmpty || text[0] == (byte)'{';
    }

    /// <summary>Reads the data at <paramref name="path"/> and, when given, the meta at <paramref name="meta"/>.</summary>
    /// <exception cref="ToolException">Either is damaged, or they are trees of different depths.</exception>
    public static TreeFilesStoreReader Open(string path, string? meta, CancellationToken cancellationToken)
    {
        var isDirectory = Directory.Exists(path);
        var data = Read(path, isDirectory, "an atom", value => value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array), cancellationToken);
        var times = meta is null ? null : Read(meta, Directory.Exists(meta), "a timestamp", value => value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 16, cancellationToken);
        var depth = data.Depth;
        if (times is not null && times.Depth != 0)
        {
            depth = depth == 0 || depth == times.Depth
                ? times.Depth
                : throw new ToolException($"'{path}' holds a tree of depth {depth}, but its meta '{meta}' one of depth {times.Depth}: they are not a pair.");
        }

        var leaves = new Dictionary<string, StoreLeaf>(StringComparer.Ordinal);
        foreach (var (ids, json) in data.Leaves)
        {
            leaves[string.Join('/', ids)] = new StoreLeaf(ids, json, null);
        }

        foreach (var (ids, json) in times?.Leaves ?? [])
        {
            var key = string.Join('/', ids);
            var timestamp = JsonSerializer.Deserialize<string>(json);
            leaves[key] = leaves.TryGetValue(key, out var leaf) ? leaf with { Timestamp = timestamp } : new StoreLeaf(ids, null, timestamp);
        }

        return new TreeFilesStoreReader(path, isDirectory ? "directory" : "JSON file", meta, depth, leaves);
    }

    public override Task<string> DescribeLayoutAsync(CancellationToken cancellationToken) => Task.FromResult(
        (Kind == "directory" ? "a folder per id, a file per atom" : "one JSON file, nested objects with atoms as leaves")
        + (_meta is null ? "; no meta given (--meta adds timestamps, tombstones and hashes)" : $"; timestamps from '{_meta}'"));

    public override Task<List<ScopeSummary>> SummarizeAsync(CancellationToken cancellationToken)
    {
        var timestamps = _leaves.Values.Select(leaf => leaf.Timestamp).OfType<string>().ToList();
        return Task.FromResult<List<ScopeSummary>>([new ScopeSummary(
            string.Empty,
            _leaves.Values.Count(leaf => leaf.AtomJson is not null),
            _leaves.Values.Count(leaf => leaf.AtomJson is null),
            _meta is null ? null : Hashes().GetValueOrDefault(string.Empty),
            timestamps.Count == 0 ? null : timestamps.Max(StringComparer.Ordinal))]);
    }

    public override Task<string> ChooseScopeAsync(string? scope, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(scope)
            ? Task.FromResult(string.Empty)
            : throw new ToolException($"{Name} holds one tree; --scope is for stores of several.");

    public override Task<List<StoreLeaf>> LeavesAsync(string scope, IReadOnlyList<string> prefix, CancellationToken cancellationToken)
    {
        if (prefix.Count > Depth && _leaves.Count > 0)
        {
            throw TooDeep(prefix);
        }

        return Task.FromResult(_leaves.Values
            .Where(leaf => leaf.Ids.Take(prefix.Count).SequenceEqual(prefix, StringComparer.Ordinal))
            .OrderBy(leaf => leaf.Ids, IdsComparer.Instance)
            .ToList());
    }

    public override Task<Dictionary<string, long>> HashesAsync(string scope, CancellationToken cancellationToken) =>
        Task.FromResult(_meta is null ? new Dictionary<string, long>(StringComparer.Ordinal) : Hashes());

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Dictionary<string, long> Hashes() =>
        DerivedHashes.Of(_leaves.Values.Where(leaf => leaf.Timestamp is not null).Select(leaf => KeyValuePair.Create(new Address(leaf.Ids), leaf.Timestamp!)))
            .ToDictionary(pair => pair.Key.ToString(), pair => (long)pair.Value, StringComparer.Ordinal);

    private static TreeRead Read(string path, bool isDirectory, string leafKind, Func<JsonElement, bool> isLeaf, CancellationToken cancellationToken)
    {
        var read = new TreeRead(path, leafKind, isLeaf);
        if (isDirectory)
        {
            read.WalkFolder(path, [], cancellationToken);
        }
        else if (File.Exists(path))
        {
            read.ReadFile();
        }
        else
        {
            throw new ToolException($"There is no file or folder '{path}'.");
        }

        return read;
    }

    /// <summary>The leaves of one tree as they are read, and its depth once the first leaf is found.</summary>
    private sealed class TreeRead(string path, string leafKind, Func<JsonElement, bool> isLeaf)
    {
        public int Depth { get; private set; }

        public List<(string[] Ids, string Json)> Leaves { get; } = [];

        public void ReadFile()
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
            {
                return;
            }

            try
            {
                using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = MaxDepth + 2 });
                Walk(document.RootElement, []);
            }
            catch (JsonException exception)
            {
                throw new ToolException($"'{path}' is not a Synclets tree file: it is not JSON ({exception.Message}).", exception);
            }
        }

        /// <summary>Walks a directory store: a folder per id (long ids continue in folders named %+…), a file per leaf.</summary>
        public void WalkFolder(string folder, List<string> ids, CancellationToken cancellationToken)
        {
            foreach (var (id, entry) in FileNameEncoding.IdsIn(folder).OrderBy(entry => entry.Id, StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                ids.Add(id);
                if (Directory.Exists(entry))
                {
                    WalkFolder(entry, ids, cancellationToken);
                }
                else
                {
                    AddLeafFile(entry, ids);
                }

                ids.RemoveAt(ids.Count - 1);
            }
        }

        private void AddLeafFile(string file, List<string> ids)
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(file));
                AddLeaf(document.RootElement, ids, file);
            }
            catch (JsonException exception)
            {
                throw new ToolException($"'{file}' should hold {leafKind} as JSON, but is not JSON ({exception.Message}).", exception);
            }
        }

        private void Walk(JsonElement node, List<string> ids)
        {
            if (node.ValueKind != JsonValueKind.Object)
            {
                AddLeaf(node, ids, path);
                return;
            }

            if (ids.Count >= MaxDepth)
            {
                throw new ToolException($"'{path}' nests deeper than a Synclets tree can ({MaxDepth} ids).");
            }

            foreach (var property in node.EnumerateObject())
            {
                ids.Add(property.Name);
                Walk(property.Value, ids);
                ids.RemoveAt(ids.Count - 1);
            }
        }

        private void AddLeaf(JsonElement value, List<string> ids, string where)
        {
            var address = ids.Count == 0 ? "the top level" : $"'{string.Join('/', ids)}'";
            if (!isLeaf(value))
            {
                throw new ToolException($"'{where}' is not a Synclets tree: {address} should be {leafKind}, but is {value.ValueKind}.");
            }

            if (Depth == 0)
            {
                Depth = ids.Count;
            }
            else if (ids.Count != Depth)
            {
                throw new ToolException($"'{where}' is not a Synclets tree of one depth: {address} is a leaf at depth {ids.Count}, others at depth {Depth}.");
            }

            if (ids.Count == 0)
            {
                throw new ToolException($"'{where}' is not a Synclets tree: it holds a single value, not objects of ids.");
            }

            Leaves.Add(([.. ids], value.GetRawText()));
        }
    }

    /// <summary>Orders addresses id by id, ordinally, as the SQL stores list them.</summary>
    private sealed class IdsComparer : IComparer<string[]>
    {
        public static readonly IdsComparer Instance = new();

        public int Compare(string[]? x, string[]? y)
        {
            for (var i = 0; i < Math.Min(x!.Length, y!.Length); i++)
            {
                var order = string.CompareOrdinal(x[i], y[i]);
                if (order != 0)
                {
                    return order;
                }
            }

            return x.Length.CompareTo(y.Length);
        }
    }
}
