using Synclets.Conformance;
using Synclets.Connectors;
using Synclets.Connectors.Files;
using Synclets.Transports;
using Synclets.Transports.Memory;
using Synclets.Wire;

namespace Synclets.Tests.Connectors.Files;

/// <summary>Directory connectors, a data folder and a meta folder per synclet in a temp directory, over memory transports.</summary>
public sealed class DirectoryPartsFactory : ISyncletPartsFactory
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("synclets-directories-");

    public string Name => "directory";

    public Task<(DataConnector Data, MetaConnector Meta)> CreateConnectorsAsync(int depth, string syncletId) =>
        Task.FromResult<(DataConnector, MetaConnector)>((
            new DirectoryDataConnector(Path.Combine(_directory.FullName, syncletId, "data"), depth),
            new DirectoryMetaConnector(Path.Combine(_directory.FullName, syncletId, "meta"), depth)));

    public Task<Transport> CreateTransportAsync(string poolId, WireFormat wireFormat) =>
        Task.FromResult<Transport>(new MemoryTransport(poolId, new TransportOptions { WireFormat = wireFormat, FragmentSize = 4096 }));

    public ValueTask DisposeAsync()
    {
        _directory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }
}
