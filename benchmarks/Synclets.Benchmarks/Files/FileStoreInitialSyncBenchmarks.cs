using BenchmarkDotNet.Attributes;
using Synclets.Connectors;
using Synclets.Connectors.Files;

namespace Synclets.Benchmarks.Files;

/// <summary>An initial sync (depth 3, MessagePack) from a memory source into an empty file store: two JSON files, rewritten per batch.</summary>
public class FileStoreInitialSyncBenchmarks : InitialSyncIntoFolder
{
    [Params(10_000, 100_000)]
    public int Atoms { get; set; }

    protected override int AtomCount => Atoms;

    protected override (DataConnector, MetaConnector) CreateTarget(string folder, int depth) =>
        (new FileDataConnector(Path.Combine(folder, "data.json"), depth), new FileMetaConnector(Path.Combine(folder, "meta.json"), depth));
}
