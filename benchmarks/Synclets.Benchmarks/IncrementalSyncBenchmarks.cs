using BenchmarkDotNet.Attributes;
using Synclets.Wire;

namespace Synclets.Benchmarks;

/// <summary>
/// One atom written on a 100k-atom tree and received by a peer holding the same tree (see
/// <see cref="IncrementalPair"/>): the allocation figure is the engine's own.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class IncrementalSyncBenchmarks
{
    private IncrementalPair _pair = null!;

    [Params(WireFormat.MessagePack, WireFormat.Json)]
    public WireFormat Format { get; set; }

    [GlobalSetup]
    public async Task SyncTreesAsync() => _pair = await IncrementalPair.SyncAsync(Format);

    [Benchmark]
    public Task OneAtom() => _pair.WriteOneAsync();

    [GlobalCleanup]
    public ValueTask DisposeAsync() => _pair.DisposeAsync();
}
