using Synclets.Conformance.Memory;
using Synclets.Conformance.Support;
using Synclets.Wire;

namespace Synclets.Tests.Engine;

public class ConcurrencyTests
{
    [Theory]
    [InlineData(WireFormat.MessagePack)]
    [InlineData(WireFormat.Json)]
    public async Task Four_writers_on_one_synclet_while_it_syncs_with_two_peers(WireFormat format)
    {
        const int writers = 4;
        const int writesEach = 2_000;
        await using var group = new SyncletGroup(new MemoryPartsFactory(), depth: 3, format);
        await group.AddAsync("pool");
        await group.AddAsync("pool");
        await group.AddAsync("pool");
        await group.StartAllAsync();

        var target = group[0];
        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < writesEach; i++)
            {
                await target.SetAtomAsync(new Address("w" + writer, "r" + (i / 10), "c" + (i % 10)), i);
            }
        })));

        await group.ConvergedAsync(TimeSpan.FromSeconds(60));
        var leaves = (await target.GetDataAsync()).Leaves().ToList();
        Assert.Equal(writers * writesEach, leaves.Count);
        Assert.All(leaves, leaf => Assert.Equal(int.Parse(leaf.Key[1][1..]) * 10 + int.Parse(leaf.Key[2][1..]), leaf.Value.AsInteger()));
    }
}
