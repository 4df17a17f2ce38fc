using Microsoft.Extensions.Time.Testing;
using Synclets.Transports;
using Synclets.Wire;

namespace Synclets.Conformance.Support;

/// <summary>The synclets of one scenario, their shared fake clock, and the checks scenarios make.</summary>
public sealed class SyncletGroup : IAsyncDisposable
{
    private readonly List<Synclet> _synclets = [];
    private readonly ISyncletPartsFactory _factory;
    private readonly string _poolPrefix = Guid.NewGuid().ToString("N");

    public SyncletGroup(ISyncletPartsFactory factory, int depth, WireFormat wireFormat)
    {
        _factory = factory;
        Depth = depth;
        WireFormat = wireFormat;
    }

    public int Depth { get; }

    public WireFormat WireFormat { get; }

    /// <summary>One clock for every synclet, moved on explicitly so "later" is unambiguous.</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000));

    public IReadOnlyList<Synclet> Synclets => _synclets;

    public Synclet this[int index] => _synclets[index];

    /// <summary>Adds a synclet connected to each named pool (pool names are local to this group).</summary>
    public async Task<Synclet> AddAsync(params string[] pools)
    {
        var id = "s" + _synclets.Count;
        var (data, meta) = await _factory.CreateConnectorsAsync(Depth, id);
        var transports = new List<Transport>();
        foreach (var pool in pools)
        {
            transports.Add(await _factory.CreateTransportAsync(_poolPrefix + "-" + pool, WireFormat));
        }

        var synclet = await _factory.CreateSyncletAsync(new SyncletComponents(data, meta, transports), new SyncletOptions { Id = id, TimeProvider = Time });
        _synclets.Add(synclet);
        return synclet;
    }

    /// <summary>A leaf address of this group's depth whose ids end with <paramref name="leafId"/> under branch <paramref name="branch"/>.</summary>
    public Address Leaf(string leafId, string branch = "b0")
    {
        var ids = new string[Depth];
        for (var i = 0; i < Depth - 1; i++)
        {
            ids[i] = i == 0 ? branch : "p" + i;
        }

        ids[Depth - 1] = leafId;
        return new Address(ids);
    }

    public Task StartAllAsync() => Task.WhenAll(_synclets.Select(synclet => synclet.StartAsync()));

    /// <summary>Moves the shared clock on, so the next write is strictly later than the last.</summary>
    public void Tick() => Time.Advance(TimeSpan.FromMilliseconds(10));

    /// <summary>Waits until every synclet holds the same data and the same meta.</summary>
    public Task ConvergedAsync(TimeSpan? timeout = null) =>
        Eventually.UntilAsync(AllEqualAsync, $"all {_synclets.Count} synclets hold the same data and meta", timeout ?? Eventually.DefaultTimeout);

    /// <summary>Waits until every synclet holds <paramref name="atom"/> (null = nothing) at <paramref name="address"/>, then until all converge.</summary>
    public async Task AllHaveAsync(Address address, Atom? atom)
    {
        await Eventually.UntilAsync(async () =>
        {
            foreach (var synclet in _synclets)
            {
                if (await synclet.GetAtomAsync(address) != atom)
                {
                    return false;
                }
            }

            return true;
        }, $"every synclet holds {atom?.ToString() ?? "nothing"} at '{address}'");
        await ConvergedAsync();
    }

    public async Task<bool> AllEqualAsync()
    {
        var data = await Task.WhenAll(_synclets.Select(synclet => synclet.GetDataAsync()));
        var meta = await Task.WhenAll(_synclets.Select(synclet => synclet.GetMetaAsync()));
        return data.All(tree => tree.Equals(data[0])) && meta.All(tree => tree.Equals(meta[0]));
    }

    public async Task<DataTree> DataAsync(int index) => await _synclets[index].GetDataAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var synclet in _synclets)
        {
            await synclet.DisposeAsync();
        }
    }
}
