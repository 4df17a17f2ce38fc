namespace Synclets.Hosting;

/// <summary>
/// Creates a synclet from its parts: <c>Synclet.CreateAsync</c>, or a generated typed synclet's
/// <c>CreateAsync</c> (<c>TodoDbSynclet.CreateAsync</c> converts to it as it is).
/// </summary>
/// <typeparam name="TSynclet">The synclet, or a generated typed synclet.</typeparam>
public delegate Task<TSynclet> SyncletFactory<TSynclet>(
    SyncletComponents components, SyncletHooks? hooks, SyncletOptions? options, CancellationToken cancellationToken);
