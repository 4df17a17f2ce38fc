using Microsoft.Extensions.Logging;

namespace Synclets.Connectors;

/// <summary>What a synclet gives the connectors it is composed of when they are attached.</summary>
public sealed class ConnectorAttachContext
{
    private readonly Func<IReadOnlyCollection<Address>, CancellationToken, Task> _syncChangedAtoms;

    internal ConnectorAttachContext(
        string syncletId,
        ILogger logger,
        Func<IReadOnlyCollection<Address>, CancellationToken, Task> syncChangedAtoms)
    {
        SyncletId = syncletId;
        Logger = logger;
        _syncChangedAtoms = syncChangedAtoms;
    }

    /// <summary>The id of the synclet the connector is attached to.</summary>
    public string SyncletId { get; }

    /// <summary>The synclet's logger.</summary>
    public ILogger Logger { get; }

    /// <summary>
    /// Reports atoms whose stored value was changed outside the synclet (another process wrote the
    /// store). The synclet gives them fresh timestamps and sends them to its peers.
    /// </summary>
    /// <remarks>
    /// Call it from the connector's own change notifications or polling, never from inside a
    /// connector method the synclet is running: it waits for the synclet's queue, which would be
    /// waiting for that method.
    /// </remarks>
    public Task SyncChangedAtomsAsync(IReadOnlyCollection<Address> addresses, CancellationToken cancellationToken = default) =>
        _syncChangedAtoms(addresses, cancellationToken);
}
