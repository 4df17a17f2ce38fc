using Synclets.Conformance;
using Synclets.Connectors;
using Synclets.Connectors.Files;
using Synclets.Transports;
using Synclets.Transports.Memory;
using Synclets.Wire;

namespace Synclets.Tests.Connectors.Files;

/// <summary>File connectors, a data file and a meta file per synclet in a temp directory, over memory transports.</summary>
public sealed class FilePartsFactory : ISyncletPartsFactory
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("synclets-files-");

    public string Name => "file";

    public Task<(DataConnector Data, MetaConnector Meta)> CreateConnectorsAsync(int depth, string syncletId) =>
        Task.FromResult<(DataConnector, MetaConnector)>((
            new FileDataConnector(Path.Combine(_directory.FullName, syncletId, "data.json"), depth),
            new FileMetaConnector(Path.Combine(_directory.FullName, syncletId, "meta.json"), depth)));

    public Task<Transport> CreateTransportAsync(string poolId, WireFormat wireFormat) =>
        Task.FromResult<Transport>(new MemoryTransport(poolId, new TransportOptions { WireFormat = wireFormat, FragmentSize = 4096 }));

    public ValueTask DisposeAsync()
    {
        _directory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }
}
