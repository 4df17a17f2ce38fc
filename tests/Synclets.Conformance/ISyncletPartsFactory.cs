using Synclets.Connectors;
using Synclets.Transports;
using Synclets.Wire;

namespace Synclets.Conformance;

/// <summary>
/// Makes the parts under test. A connector or transport joins the conformance suite by
/// implementing this once and deriving a class from each scenario class with it.
/// </summary>
public interface ISyncletPartsFactory : IAsyncDisposable
{
    /// <summary>A short name for test output, e.g. "memory".</summary>
    string Name { get; }

    /// <summary>A fresh, empty pair of connectors for one synclet of a test.</summary>
    Task<(DataConnector Data, MetaConnector Meta)> CreateConnectorsAsync(int depth, string syncletId);

    /// <summary>
    /// A transport that reaches every other transport created with the same <paramref name="poolId"/>
    /// (pool ids are unique per test).
    /// </summary>
    Task<Transport> CreateTransportAsync(string poolId, WireFormat wireFormat);

    /// <summary>
    /// Creates the synclet from its parts; a typed wrapper overrides this to run the scenarios
    /// through its own creation and schema check.
    /// </summary>
    Task<Synclet> CreateSyncletAsync(SyncletComponents components, SyncletOptions options) =>
        Synclet.CreateAsync(components, options: options);
}
