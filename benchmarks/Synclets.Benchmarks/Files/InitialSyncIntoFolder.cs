using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Synclets.Connectors;
using Synclets.Wire;

namespace Synclets.Benchmarks.Files;

/// <summary>An initial sync (depth 3, MessagePack) from a memory source into a store kept in a fresh folder each iteration.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public abstract class InitialSyncIntoFolder
{
    private InitialPair _pair = null!;
    private DirectoryInfo? _folder;

    protected abstract int AtomCount { get; }

    [GlobalSetup]
    public async Task FillSourceAsync() =>
        _pair = await InitialPair.FillAsync(AtomCount, 3, WireFormat.MessagePack, depth => CreateTarget(_folder!.FullName, depth));

    [IterationSetup]
    public void CreatePeers()
    {
        _folder = Directory.CreateTempSubdirectory("synclets-bench-files-");
        _pair.CreatePeers();
    }

    [Benchmark]
    public Task InitialSync() => _pair.SyncAsync();

    [IterationCleanup]
    public void DisposePeers()
    {
        _pair.DisposePeers();
        _folder?.Delete(recursive: true);
    }

    /// <summary>The target's connectors, in <paramref name="folder"/>.</summary>
    protected abstract (DataConnector, MetaConnector) CreateTarget(string folder, int depth);
}
