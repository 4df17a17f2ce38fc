using Synclets.Connectors;
using Synclets.Transports;

namespace Synclets;

/// <summary>
/// The parts a synclet is composed of: where its data and metadata live, and how it reaches its
/// peers. Both connectors or neither (a relay); any number of transports (none = local only).
/// </summary>
public sealed class SyncletComponents
{
    /// <summary>Composes a synclet from its connectors and transports.</summary>
    public SyncletComponents(DataConnector? dataConnector, MetaConnector? metaConnector, params Transport[] transports)
    {
        ArgumentNullException.ThrowIfNull(transports);
        DataConnector = dataConnector;
        MetaConnector = metaConnector;
        Transports = [.. transports];
        if (Transports.Any(transport => transport is null))
        {
            throw new ArgumentException("A transport is null.", nameof(transports));
        }
    }

    /// <summary>Composes a synclet from its connectors and a sequence of transports.</summary>
    public SyncletComponents(DataConnector? dataConnector, MetaConnector? metaConnector, IEnumerable<Transport> transports)
        : this(dataConnector, metaConnector, transports?.ToArray()!)
    {
    }

    /// <summary>Where the atoms live, or null for a relay.</summary>
    public DataConnector? DataConnector { get; }

    /// <summary>Where the timestamps and hashes live, or null for a relay.</summary>
    public MetaConnector? MetaConnector { get; }

    /// <summary>How the synclet reaches its peers.</summary>
    public IReadOnlyList<Transport> Transports { get; }
}
