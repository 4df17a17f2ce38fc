using System.Text.Json;

namespace Synclets.Connectors.Files;

/// <summary>
/// A tree as one file per leaf under a root folder, a folder per id on the way (see
/// <see cref="FileNameEncoding"/>): the TypeScript Synclets' directory layout. Each file holds its
/// leaf as JSON and is replaced by a rename, so it is never read half-written. Within a batch, each
/// leaf's first change remembers what it replaced, so a rolled-back batch puts every file back.
/// Nothing is ever written outside the root: every name is encoded, and paths are checked.
/// </summary>
internal sealed class DirectoryTreeStore<TLeaf>(string root, int depth, JsonTreeFile.LeafReader<TLeaf> readLeaf, Action<Utf8JsonWriter, TLeaf> writeLeaf)
{
    private readonly Dictionary<Address, (bool Existed, TLeaf Leaf)> _undo = [];
    private FileNameEncoding _encoding = null!;
    private bool _inBatch;

    public string Root { get; } = Path.GetFullPath(root);

    public void Open()
    {
        Directory.CreateDirectory(Root);
        _encoding = FileNameEncoding.For(Root);
    }

    public bool TryRead(Address address, out TLeaf leaf)
    {
        leaf = default!;
        var file = PathOf(address);
        if (!File.Exists(file))
        {
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(file));
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"'{file}' should hold one leaf of the tree as JSON, but is not JSON ({exception.Message}). It is left as it is.", exception);
        }

        using (document)
        {
            if (!readLeaf(document.RootElement, out leaf))
            {
                throw new InvalidDataException($"'{file}' should hold one leaf of the tree, but holds {document.RootElement.ValueKind}. It is left as it is.");
            }
        }

        return true;
    }

    public void Write(Address address, TLeaf leaf)
    {
        Remember(address);
        var file = PathOf(address);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = Path.Combine(Path.GetDirectoryName(file)!, $".{Guid.NewGuid():N}.tmp");
        using (var stream = File.Create(temporary))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writeLeaf(json, leaf);
        }

        File.Move(temporary, file, overwrite: true);
    }

    public void Remove(Address address)
    {
        Remember(address);
        var file = PathOf(address);
        if (File.Exists(file))
        {
            File.Delete(file);
            Prune(Path.GetDirectoryName(file)!);
        }
    }

    /// <summary>The ids of <paramref name="parent"/>'s children, each once, in no particular order.</summary>
    public IReadOnlyList<string> ChildIds(Address parent)
    {
        var folder = FolderOf(parent);
        return Directory.Exists(folder) ? [.. FileNameEncoding.IdsIn(folder).Select(entry => entry.Id)] : [];
    }

    /// <summary>Every leaf, by address.</summary>
    public List<KeyValuePair<Address, TLeaf>> AllLeaves()
    {
        var leaves = new List<KeyValuePair<Address, TLeaf>>();
        Walk(Address.Root, leaves);
        return leaves;
    }

    public void Begin() => _inBatch = true;

    public void Commit()
    {
        _undo.Clear();
        _inBatch = false;
    }

    public void Rollback()
    {
        _inBatch = false;
        foreach (var (address, (existed, leaf)) in _undo)
        {
            if (existed)
            {
                Write(address, leaf);
            }
            else
            {
                Remove(address);
            }
        }

        _undo.Clear();
    }

    private void Remember(Address address)
    {
        if (_inBatch && !_undo.ContainsKey(address))
        {
            _undo[address] = TryRead(address, out var leaf) ? (true, leaf) : (false, default!);
        }
    }

    private void Walk(Address parent, List<KeyValuePair<Address, TLeaf>> leaves)
    {
        foreach (var id in ChildIds(parent))
        {
            var address = parent.Append(id);
            if (address.Count == depth)
            {
                if (TryRead(address, out var leaf))
                {
                    leaves.Add(new(address, leaf));
                }
            }
            else
            {
                Walk(address, leaves);
            }
        }
    }

    private string FolderOf(Address parent)
    {
        var segments = new List<string> { Root };
        foreach (var id in parent.AsSpan())
        {
            segments.AddRange(_encoding.Encode(id));
        }

        return Inside(Path.Combine([.. segments]));
    }

    private string PathOf(Address leaf) => Inside(Path.Combine(FolderOf(leaf.Parent), Path.Combine([.. _encoding.Encode(leaf.LastId)])));

    /// <summary>A last guard: the encoding keeps every name inside the root, and this checks that it did.</summary>
    private string Inside(string path)
    {
        var full = Path.GetFullPath(path);
        if (full != Root && !full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"'{full}' is outside the store's folder '{Root}'.");
        }

        return full;
    }

    /// <summary>Removes <paramref name="folder"/> and its ancestors while they are empty, up to the root.</summary>
    private void Prune(string folder)
    {
        while (folder.Length > Root.Length && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            folder = Path.GetDirectoryName(folder)!;
        }
    }
}
