using BenchmarkDotNet.Attributes;
using Synclets.Wire;

namespace Synclets.Benchmarks;

/// <summary>A full tree synced into an empty peer over memory parts.</summary>
[MemoryDiagnoser]
[MedianColumn]
[SteadyStateJob]
public class InitialSyncBenchmarks
{
    private InitialPair _pair = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Atoms { get; set; }

    [Params(1, 3)]
    public int Depth { get; set; }

    [Params(WireFormat.MessagePack, WireFormat.Json)]
    public WireFormat Format { get; set; }

    [GlobalSetup]
    public async Task FillSourceAsync() => _pair = await InitialPair.FillAsync(Atoms, Depth, Format);

    [IterationSetup]
    public void CreatePeers() => _pair.CreatePeers();

    [Benchmark]
    public Task InitialSync() => _pair.SyncAsync();

    [IterationCleanup]
    public void DisposePeers() => _pair.DisposePeers();
}
