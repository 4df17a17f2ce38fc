using Synclets.Conformance;
using Synclets.Connectors;
using Synclets.Connectors.Memory;
using Synclets.Transports;
using Synclets.Transports.Local;
using Synclets.Wire;

namespace Synclets.Tests.Local;

/// <summary>
/// Memory connectors over local transports in this process, a channel per pool in a folder of the
/// test's own: the first transport of each test becomes the hub, the others connect to it over
/// the real Unix socket.
/// </summary>
public sealed class LocalPartsFactory : ISyncletPartsFactory
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("synclets-local-");

    public string Name => "local";

    public Task<(DataConnector Data, MetaConnector Meta)> CreateConnectorsAsync(int depth, string syncletId) =>
        Task.FromResult<(DataConnector, MetaConnector)>((new MemoryDataConnector(depth), new MemoryMetaConnector(depth)));

    public Task<Transport> CreateTransportAsync(string poolId, WireFormat wireFormat) =>
        Task.FromResult<Transport>(new LocalTransport(poolId, new LocalTransportOptions { Directory = _directory.FullName, WireFormat = wireFormat }));

    public ValueTask DisposeAsync()
    {
        _directory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }
}
