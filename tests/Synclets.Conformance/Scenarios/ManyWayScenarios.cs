using Synclets.Conformance.Support;
using Synclets.Wire;

namespace Synclets.Conformance.Scenarios;

/// <summary>3 and 10 synclets joined as one pool, a chain or a ring; changes cross every hop.</summary>
public abstract class ManyWayScenarios(ISyncletPartsFactory factory)
{
    private const int Depth = 3;

    [Theory]
    [MemberData(nameof(ScenarioData.SizesFormatsAndTopologies), MemberType = typeof(ScenarioData))]
    public async Task Every_write_reaches_every_synclet(int count, WireFormat format, string topology)
    {
        await using var group = new SyncletGroup(factory, Depth, format);
        for (var i = 0; i < count; i++)
        {
            await group.AddAsync(PoolsOf(i, count, topology));
        }

        // Offline writes first (each synclet its own atom, plus one contested atom), then online ones.
        for (var i = 0; i < count; i++)
        {
            await group[i].SetAtomAsync(group.Leaf("own" + i), i);
            group.Tick();
            await group[i].SetAtomAsync(group.Leaf("contested"), "by " + i);
        }

        Assert.False(await group.AllEqualAsync());
        await group.StartAllAsync();
        await group.AllHaveAsync(group.Leaf("contested"), "by " + (count - 1));

        group.Tick();
        await group[0].SetAtomAsync(group.Leaf("online", branch: "b1"), "from the first");
        await group[count - 1].DelAtomAsync(group.Leaf("own0"));
        await group.AllHaveAsync(group.Leaf("online", branch: "b1"), "from the first");
        await group.AllHaveAsync(group.Leaf("own0"), null);
        for (var i = 1; i < count; i++)
        {
            await group.AllHaveAsync(group.Leaf("own" + i), i);
        }
    }

    private static string[] PoolsOf(int index, int count, string topology) => topology switch
    {
        "pool" => ["all"],
        "chain" => Links(index, count, ring: false),
        "ring" => Links(index, count, ring: true),
        _ => throw new ArgumentOutOfRangeException(nameof(topology), topology, "Unknown topology."),
    };

    // Synclet i shares link i-1 with its predecessor and link i with its successor.
    private static string[] Links(int index, int count, bool ring)
    {
        var links = new List<string>();
        if (index > 0 || ring)
        {
            links.Add("link" + ((index - 1 + count) % count));
        }

        if (index < count - 1 || ring)
        {
            links.Add("link" + index);
        }

        return [.. links];
    }
}
