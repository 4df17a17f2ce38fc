using Synclets.Conformance;
using Synclets.Connectors;
using Synclets.Connectors.Files;
using Synclets.Transports;
using Synclets.Transports.Memory;
using Synclets.Wire;

namespace Synclets.Tests.Connectors.Files;

/// <summary>
/// Connectors kept in a temp directory, a data and a meta place per synclet, over memory
/// transports: the directory goes when the test's factory is disposed.
/// </summary>
public abstract class FolderPartsFactory(string name) : ISyncletPartsFactory
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory($"synclets-{name}-");

    public string Name => name;

    public Task<(DataConnector Data, MetaConnector Meta)> CreateConnectorsAsync(int depth, string syncletId) =>
        Task.FromResult(CreateConnectors(Path.Combine(_directory.FullName, syncletId), depth));

    public Task<Transport> CreateTransportAsync(string poolId, WireFormat wireFormat) =>
        Task.FromResult<Transport>(new MemoryTransport(poolId, new TransportOptions { WireFormat = wireFormat, FragmentSize = 4096 }));

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        _directory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>The connectors of one synclet, kept under <paramref name="folder"/>.</summary>
    protected abstract (DataConnector Data, MetaConnector Meta) CreateConnectors(string folder, int depth);
}

/// <summary>File connectors: a data file and a meta file per synclet.</summary>
public sealed class FilePartsFactory() : FolderPartsFactory("file")
{
    protected override (DataConnector Data, MetaConnector Meta) CreateConnectors(string folder, int depth) =>
        (new FileDataConnector(Path.Combine(folder, "data.json"), depth), new FileMetaConnector(Path.Combine(folder, "meta.json"), depth));
}

/// <summary>Directory connectors: a data folder and a meta folder per synclet.</summary>
public sealed class DirectoryPartsFactory() : FolderPartsFactory("directory")
{
    protected override (DataConnector Data, MetaConnector Meta) CreateConnectors(string folder, int depth) =>
        (new DirectoryDataConnector(Path.Combine(folder, "data"), depth), new DirectoryMetaConnector(Path.Combine(folder, "meta"), depth));
}
