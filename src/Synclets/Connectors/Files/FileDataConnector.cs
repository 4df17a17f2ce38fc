using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Synclets.Connectors.Files;

/// <summary>
/// Keeps a synclet's atoms in one JSON file, as the TypeScript Synclets' file data connector does
/// (nested objects of atoms), so the same file opens in either. The tree is held in memory; each
/// batch the synclet commits (a received message, a local write) rewrites the file atomically, so
/// a process killed at any moment leaves the old file or the new one. Suits small and medium trees.
/// </summary>
public sealed class FileDataConnector : DataConnector
{
    private readonly TreeFileStore<Atom> _store;
    private readonly bool _watchForChanges;

    // Edits another program made, waiting for the synclet to adopt them (see AdoptAtomAsync).
    private readonly ConcurrentDictionary<Address, Atom?> _edits = new();
    private readonly Lock _gate = new();
    private Dictionary<Address, Atom> _lastWritten = [];
    private FileChangeWatch? _watch;
    private ConnectorAttachContext? _context;

    /// <summary>A connector on <paramref name="path"/> (created on the first write) for a tree of <paramref name="depth"/> levels.</summary>
    /// <param name="path">The file.</param>
    /// <param name="depth">The number of ids in an atom's address.</param>
    /// <param name="watchForChanges">
    /// Whether to adopt what another program writes to the file: the atoms it changed, added or
    /// removed get fresh timestamps and sync, as <see cref="ConnectorAttachContext.SyncChangedAtomsAsync"/>
    /// describes. An edit that leaves the file damaged is logged and ignored.
    /// </param>
    public FileDataConnector(string path, int depth, bool watchForChanges = false) : base(depth)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _store = new TreeFileStore<Atom>(path, depth, JsonTreeFile.TryReadAtom, JsonTreeFile.WriteAtom, "an atom");
        _watchForChanges = watchForChanges;
        if (watchForChanges)
        {
            _store.Saving = leaves =>
            {
                lock (_gate)
                {
                    _lastWritten = leaves.ToDictionary();
                }
            };
        }
    }

    /// <summary>The file's full path.</summary>
    public string Path => _store.Path;

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The file is damaged (not JSON, or not a tree of this depth); it is left untouched.</exception>
    public override Task AttachAsync(ConnectorAttachContext context, CancellationToken cancellationToken = default)
    {
        var loaded = _store.Load();
        if (_watchForChanges)
        {
            _context = context;
            _lastWritten = loaded.ToDictionary();
            _watch = new FileChangeWatch(Path, AdoptEditsAsync);
        }

        return base.AttachAsync(context, cancellationToken);
    }

    /// <inheritdoc />
    public override Task DetachAsync(CancellationToken cancellationToken = default)
    {
        _watch?.Dispose();
        _watch = null;
        return base.DetachAsync(cancellationToken);
    }

    /// <summary>An edit another program made, adopted inside the synclet's batch: the tree takes the file's value.</summary>
    public override async ValueTask<(Atom? Before, Atom? After)> AdoptAtomAsync(Address address, CancellationToken cancellationToken = default)
    {
        if (!_edits.TryRemove(address, out var edited))
        {
            return await base.AdoptAtomAsync(address, cancellationToken).ConfigureAwait(false);
        }

        var before = _store.Tree.TryGetLeaf(address, out var atom) ? atom : (Atom?)null;
        if (edited is { } value)
        {
            _store.Tree.SetLeaf(address, value);
        }
        else
        {
            _store.Tree.RemoveLeaf(address);
        }

        await _store.ChangedAsync(cancellationToken).ConfigureAwait(false);
        return (before, edited);
    }

    /// <summary>
    /// The file changed on disk: what differs from what this connector last wrote (or read) was
    /// edited by another program, and is handed to the synclet to adopt.
    /// </summary>
    private async Task AdoptEditsAsync()
    {
        List<KeyValuePair<Address, Atom>> file;
        try
        {
            file = _store.ReadFile();
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            _context?.Logger.LogWarning("[{SyncletId}] ignored an edit of {File}: {Problem}", _context.SyncletId, Path, exception.Message);
            return;
        }

        var edited = new List<Address>();
        lock (_gate)
        {
            var now = file.ToDictionary();
            foreach (var (address, atom) in now)
            {
                if (!_lastWritten.TryGetValue(address, out var before) || before != atom)
                {
                    _edits[address] = atom;
                    edited.Add(address);
                }
            }

            foreach (var address in _lastWritten.Keys.Where(address => !now.ContainsKey(address)))
            {
                _edits[address] = null;
                edited.Add(address);
            }

            _lastWritten = now;
        }

        if (edited.Count > 0 && _context is { } context)
        {
            try
            {
                await context.SyncChangedAtomsAsync(edited).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                context.Logger.LogError(exception, "[{SyncletId}] could not adopt an edit of {File}", context.SyncletId, Path);
            }
        }
    }

    /// <inheritdoc />
    public override ValueTask<Atom?> ReadAtomAsync(Address address, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        return ValueTask.FromResult(_store.Tree.TryGetLeaf(address, out var atom) ? atom : (Atom?)null);
    }

    /// <inheritdoc />
    public override async ValueTask WriteAtomAsync(Address address, Atom atom, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        _store.Tree.SetLeaf(address, atom);
        await _store.ChangedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async ValueTask RemoveAtomAsync(Address address, CancellationToken cancellationToken = default)
    {
        EnsureLeaf(address);
        _store.Tree.RemoveLeaf(address);
        await _store.ChangedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(Address parentAddress, CancellationToken cancellationToken = default)
    {
        EnsureParent(parentAddress);
        return ValueTask.FromResult(_store.Tree.GetChildIds(parentAddress));
    }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyDictionary<string, Atom>> ReadAtomsAsync(Address leafParentAddress, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_store.Tree.GetLeaves(leafParentAddress));

    /// <inheritdoc />
    public override Task<DataTree> GetDataAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(DataTree.FromLeaves(_store.Tree.GetAllLeaves(), Depth));

    /// <inheritdoc />
    public override Task BeginBatchAsync(CancellationToken cancellationToken = default)
    {
        _store.Begin();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task CommitBatchAsync(CancellationToken cancellationToken = default) => _store.CommitAsync(cancellationToken);

    /// <inheritdoc />
    public override Task RollbackBatchAsync(CancellationToken cancellationToken = default)
    {
        _store.Rollback();
        return Task.CompletedTask;
    }
}
