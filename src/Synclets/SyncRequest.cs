namespace Synclets;

/// <summary>What <see cref="Synclet.SyncAsync(SyncRequest, CancellationToken)"/> syncs, how long it waits, and whom it tells how far it came.</summary>
public sealed record SyncRequest
{
    /// <summary>The subtree to compare; the whole tree by default.</summary>
    public Address Address { get; init; }

    /// <summary>
    /// How long to wait for peers to finish; <see cref="SyncletOptions.SyncTimeout"/> when null.
    /// A sync that runs out of time still ends with a result, listing the peers that did not finish.
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Told after each message the sync received; see <see cref="SyncProgress"/>.</summary>
    public IProgress<SyncProgress>? Progress { get; init; }
}
