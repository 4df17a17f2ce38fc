using Synclets.Conformance.Support;
using Synclets.Wire;

namespace Synclets.Conformance.Scenarios;

/// <summary>
/// Two synclets in one pool, in every order of starting, stopping and writing. Each leaf id keeps
/// one kind of value (a: string, b: integer, flag: boolean, ratio: number, note: nullable string),
/// so typed synclets can run the same scenarios.
/// </summary>
public abstract class TwoWayScenarios(ISyncletPartsFactory factory)
{
    private async Task<SyncletGroup> PairAsync(int depth, WireFormat format)
    {
        var group = new SyncletGroup(factory, depth, format);
        await group.AddAsync("pool");
        await group.AddAsync("pool");
        return group;
    }

    [Theory]
    [MemberData(nameof(ScenarioData.DepthsAndFormats), MemberType = typeof(ScenarioData))]
    public async Task Connected_initial(int depth, WireFormat format)
    {
        await using var group = await PairAsync(depth, format);
        await group.StartAllAsync();
        await group.ConvergedAsync();
        Assert.Empty(await group.DataAsync(0));
    }

    [Theory]
    [MemberData(nameof(ScenarioData.DepthsAndFormats), MemberType = typeof(ScenarioData))]
    public async Task Connected_set_on_each_side(int depth, WireFormat format)
    {
        await using var group = await PairAsync(depth, format);
        await group.StartAllAsync();

        await group[0].SetAtomAsync(group.Leaf("a"), "from 1");
        await group.AllHaveAsync(group.Leaf("a"), "from 1");

        group.Tick();
        await group[1].SetAtomAsync(group.Leaf("a"), "from 2");
        await group.AllHaveAsync(group.Leaf("a"), "from 2");

        await group[1].SetAtomAsync(group.Leaf("b"), 42);
        await group.AllHaveAsync(group.Leaf("b"), 42);
    }

    [Theory]
    [MemberData(nameof(ScenarioData.BranchingDepthsAndFormats), MemberType = typeof(ScenarioData))]
    public async Task Hash_deltas_are_xored_into_stored_hashes_and_missing_ones_count_as_zero(int depth, WireFormat format)
    {
        await using var group = await PairAsync(depth, format);
        var meta = group[0].MetaConnector!;
        var parent = group.Leaf("a").Parent;
        var newParent = parent.Parent.Append("another parent");
        await meta.WriteHashAsync(parent, 0xF0F0F0F0);

        await meta.BeginBatchAsync();
        await meta.ApplyHashDeltasAsync([new(parent, 0x8000000F), new(newParent, 0xFFFFFFFF)]);
        await meta.CommitBatchAsync();

        Assert.Equal(0xF0F0F0F0 ^ 0x8000000F, await meta.ReadHashAsync(parent));
        Assert.Equal(0xFFFFFFFF, await meta.ReadHashAsync(newParent));
    }

    [Theory]
    [MemberData(nameof(ScenarioData.DepthsAndFormats), MemberType = typeof(ScenarioData))]
    public async Task Deletion(int depth, WireFormat format)
    {
        await using var group = await PairAsync(depth, format);
        await group.StartAllAsync();
        await group[0].SetAtomAsync(group.Leaf("flag"), true);
        await group.AllHaveAsync(group.Leaf("flag"), true);

        group.Tick();
        await group[1].DelAtomAsync(group.Leaf("flag"));
        await group.AllHaveAsync(group.Leaf("flag"), null);

        // The tombstone keeps its timestamp on both sides, so the deletion itself is synced state.
        var meta = await group[0].GetMetaAsync();
        Assert.True(meta.TryGetLeaf(group.Leaf("flag"), out var timestamp));
        Assert.NotEmpty(timestamp);
    }

    [Theory]
    [MemberData(nameof(ScenarioData.DepthsAndFormats), MemberType = typeof(ScenarioData))]
    public async Task Start_1_set_1_start_2(int depth, WireFormat format)
    {
        await using var group = await PairAsync(depth, format);
        await group[0].StartAsync();
        await group[0].SetAtomAsync(group.Leaf("a"), "x");
        Assert.False(await group.AllEqualAsync());

        await group[1].StartAsync();
        await group.AllHaveAsync(group.Leaf("a"), "x");
    }

    [Theory]
    [MemberData(nameof(ScenarioData.DepthsAndFormats), MemberType = typeof(ScenarioData))]
    public async Task Start_2_set_1_start_1(int depth, WireFormat format)
    {
        await using var group = await PairAsync(depth, format);
        await group[1].StartAsync();
        await group[0].SetAtomAsync(group.Leaf("a"), "x");
        Assert.False(await group.AllEqualAsync());

        await group[0].StartAsync();
        await group.AllHaveAsync(group.Leaf("a"), "x");
    }

    [Theory]
    [MemberData(nameof(ScenarioData.DepthsAndFormats), MemberType = typeof(ScenarioData))]
    public async Task Stop_1_set_1_start_1(int depth, WireFormat format)
    {
        await using var group = await PairAsync(depth, format);
        await group.StartAllAsync();
        await group.ConvergedAsync();

        await group[0].StopAsync();
        await group[0].SetAtomAsync(group.Leaf("ratio"), 1.5);
        Assert.False(await group.AllEqualAsync());

        await group[0].StartAsync();
        await group.AllHaveAsync(group.Leaf("ratio"), 1.5);
    }

    [Theory]
    [MemberData(nameof(ScenarioData.DepthsAndFormats), MemberType = typeof(ScenarioData))]
    public async Task Stop_1_set_2_start_1(int depth, WireFormat format)
    {
        await using var group = await PairAsync(depth, format);
        await group.StartAllAsync();
        await group.ConvergedAsync();

        await group[0].StopAsync();
        await group[1].SetAtomAsync(group.Leaf("note"), Atom.Null);
        Assert.False(await group.AllEqualAsync());

        await group[0].StartAsync();
        await group.AllHaveAsync(group.Leaf("note"), Atom.Null);
    }

    [Theory]
    [MemberData(nameof(ScenarioData.DepthsAndFormats), MemberType = typeof(ScenarioData))]
    public async Task Set_1_set_2_start_2_start_1(int depth, WireFormat format)
    {
        await using var group = await PairAsync(depth, format);
        await group[0].SetAtomAsync(group.Leaf("a"), "one");
        await group[1].SetAtomAsync(group.Leaf("b"), 2);
        Assert.False(await group.AllEqualAsync());

        await group[1].StartAsync();
        await group[0].StartAsync();
        await group.AllHaveAsync(group.Leaf("a"), "one");
        await group.AllHaveAsync(group.Leaf("b"), 2);
    }

    [Theory]
    [MemberData(nameof(ScenarioData.DepthsAndFormats), MemberType = typeof(ScenarioData))]
    public async Task Near_atom(int depth, WireFormat format)
    {
        await using var group = await PairAsync(depth, format);
        await group.StartAllAsync();
        await group[0].SetAtomAsync(group.Leaf("a"), "a");
        await group[1].SetAtomAsync(group.Leaf("b"), 7);
        await group.AllHaveAsync(group.Leaf("a"), "a");
        await group.AllHaveAsync(group.Leaf("b"), 7);
    }

    [Theory]
    [MemberData(nameof(ScenarioData.BranchingDepthsAndFormats), MemberType = typeof(ScenarioData))]
    public async Task Far_atom(int depth, WireFormat format)
    {
        await using var group = await PairAsync(depth, format);
        await group.StartAllAsync();
        await group[0].SetAtomAsync(group.Leaf("a", branch: "left"), "a");
        await group[1].SetAtomAsync(group.Leaf("b", branch: "right"), 26);
        await group.AllHaveAsync(group.Leaf("a", branch: "left"), "a");
        await group.AllHaveAsync(group.Leaf("b", branch: "right"), 26);
    }

    [Theory]
    [MemberData(nameof(ScenarioData.DepthsAndFormats), MemberType = typeof(ScenarioData))]
    public async Task Disconnected_near_atom(int depth, WireFormat format)
    {
        await using var group = await PairAsync(depth, format);
        await group[0].SetAtomAsync(group.Leaf("a"), "a");
        await group[1].SetAtomAsync(group.Leaf("b"), 2);
        Assert.False(await group.AllEqualAsync());

        await group.StartAllAsync();
        await group.AllHaveAsync(group.Leaf("a"), "a");
        await group.AllHaveAsync(group.Leaf("b"), 2);
    }

    [Theory]
    [MemberData(nameof(ScenarioData.DepthsAndFormats), MemberType = typeof(ScenarioData))]
    public async Task Disconnected_conflicting_values_the_later_write_wins(int depth, WireFormat format)
    {
        await using var group = await PairAsync(depth, format);
        await group[1].SetAtomAsync(group.Leaf("a"), "earlier");
        group.Tick();
        await group[0].SetAtomAsync(group.Leaf("a"), "later");
        Assert.False(await group.AllEqualAsync());

        await group.StartAllAsync();
        await group.AllHaveAsync(group.Leaf("a"), "later");
    }
}
