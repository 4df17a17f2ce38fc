namespace Synclets.Typed;

/// <summary>
/// The base of a generated synclet holding one table of <typeparamref name="T"/> at its root (a
/// record's values at depth 1, or its rows under their keys).
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public abstract class TableSynclet<T> : SyncletTable<T>, ITypedSynclet
    where T : class
{
    private readonly SchemaGuard _guard;

    /// <summary>Wraps a synclet created by <see cref="SchemaGuard.CreateSyncletAsync"/>.</summary>
    protected TableSynclet(Synclet synclet, SchemaGuard guard, ISyncletTableMap<T> map)
        : base(synclet, Address.Root, map) => _guard = guard ?? throw new ArgumentNullException(nameof(guard));

    /// <summary>How many writes from peers were refused for not fitting the schema.</summary>
    public long SchemaRejections => _guard.Rejections;

    /// <inheritdoc cref="Synclets.Synclet.StartAsync"/>
    public Task StartAsync(CancellationToken cancellationToken = default) => Synclet.StartAsync(cancellationToken);

    /// <inheritdoc cref="Synclets.Synclet.StopAsync"/>
    public Task StopAsync(CancellationToken cancellationToken = default) => Synclet.StopAsync(cancellationToken);

    /// <inheritdoc cref="Synclets.Synclet.SyncAsync(CancellationToken)"/>
    public Task<SyncResult> SyncAsync(CancellationToken cancellationToken = default) => Synclet.SyncAsync(cancellationToken);

    /// <inheritdoc cref="Synclets.Synclet.DisposeAsync"/>
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return Synclet.DisposeAsync();
    }
}
