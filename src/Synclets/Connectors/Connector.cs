namespace Synclets.Connectors;

/// <summary>
/// What data and meta connectors share: a depth, attachment to one synclet, and batches that a
/// store makes atomic (a database connector makes each batch one transaction).
/// </summary>
public abstract class Connector
{
    private int _attached;

    /// <summary>Creates a connector for a tree of <paramref name="depth"/> levels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The depth is not positive.</exception>
    protected Connector(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        Depth = depth;
    }

    /// <summary>The number of ids in a leaf's address.</summary>
    public int Depth { get; }

    /// <summary>Whether the connector is attached to a synclet.</summary>
    public bool IsAttached => Volatile.Read(ref _attached) == 1;

    /// <summary>Prepares the store (open, create or validate tables). Called once when a synclet is created.</summary>
    public virtual Task AttachAsync(ConnectorAttachContext context, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    /// <summary>Releases the store. Called once when the synclet is disposed.</summary>
    public virtual Task DetachAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>Starts a batch: the writes until <see cref="CommitBatchAsync"/> succeed or fail together.</summary>
    public virtual Task BeginBatchAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>Makes the current batch's writes durable.</summary>
    public virtual Task CommitBatchAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>Undoes every write of the current batch.</summary>
    public virtual Task RollbackBatchAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>
    /// Walks the tree from the root through <paramref name="readChildIds"/> and collects every leaf
    /// with <paramref name="readLeaves"/>, one call per leaf parent: the default snapshot of a store.
    /// </summary>
    protected async Task<List<KeyValuePair<Address, T>>> CollectLeavesAsync<T>(
        Func<Address, CancellationToken, ValueTask<IReadOnlyList<string>>> readChildIds,
        Func<Address, CancellationToken, ValueTask<IReadOnlyDictionary<string, T>>> readLeaves,
        CancellationToken cancellationToken)
    {
        var leaves = new List<KeyValuePair<Address, T>>();
        await CollectAsync(Address.Root).ConfigureAwait(false);
        return leaves;

        async Task CollectAsync(Address parent)
        {
            if (parent.Count == Depth - 1)
            {
                foreach (var (id, leaf) in await readLeaves(parent, cancellationToken).ConfigureAwait(false))
                {
                    leaves.Add(new(parent.Append(id), leaf));
                }

                return;
            }

            foreach (var id in await readChildIds(parent, cancellationToken).ConfigureAwait(false))
            {
                await CollectAsync(parent.Append(id)).ConfigureAwait(false);
            }
        }
    }

    internal bool TryMarkAttached() => Interlocked.CompareExchange(ref _attached, 1, 0) == 0;

    internal void MarkDetached() => Volatile.Write(ref _attached, 0);

    /// <summary>Checks that <paramref name="address"/> is a leaf address of this connector's tree.</summary>
    protected void EnsureLeaf(Address address)
    {
        if (address.Count != Depth)
        {
            throw new ArgumentException($"'{address}' has {address.Count} ids, but an atom's address has {Depth}.", nameof(address));
        }
    }

    /// <summary>Checks that <paramref name="address"/> is a parent address (fewer ids than the depth).</summary>
    protected void EnsureParent(Address address)
    {
        if (address.Count >= Depth)
        {
            throw new ArgumentException($"'{address}' has {address.Count} ids, but a parent's address has fewer than {Depth}.", nameof(address));
        }
    }
}
