namespace Synclets.Typed;

/// <summary>The base of a generated synclet holding a schema: several tables under their ids.</summary>
public abstract class SchemaSynclet : ITypedSynclet
{
    private readonly SchemaGuard _guard;

    /// <summary>Wraps a synclet created by <see cref="SchemaGuard.CreateSyncletAsync"/>.</summary>
    protected SchemaSynclet(Synclet synclet, SchemaGuard guard)
    {
        Synclet = synclet ?? throw new ArgumentNullException(nameof(synclet));
        _guard = guard ?? throw new ArgumentNullException(nameof(guard));
    }

    /// <summary>The untyped synclet underneath.</summary>
    public Synclet Synclet { get; }

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
