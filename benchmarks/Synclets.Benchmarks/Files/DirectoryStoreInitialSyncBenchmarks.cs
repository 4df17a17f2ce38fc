using Synclets.Connectors;
using Synclets.Connectors.Files;

namespace Synclets.Benchmarks.Files;

/// <summary>
/// An initial sync (depth 3, MessagePack) of 10k atoms from a memory source into an empty directory
/// store: a file per atom and per timestamp (100k takes minutes per sync, so it is left out).
/// </summary>
public class DirectoryStoreInitialSyncBenchmarks : InitialSyncIntoFolder
{
    protected override int AtomCount => 10_000;

    protected override (DataConnector, MetaConnector) CreateTarget(string folder, int depth) =>
        (new DirectoryDataConnector(Path.Combine(folder, "data"), depth), new DirectoryMetaConnector(Path.Combine(folder, "meta"), depth));
}
