using System.Text.Json;
using Synclets.Hashing;
using Synclets.Tests.Support;

namespace Synclets.Tests.Hashing;

public class Fnv1aTests
{
    public static IEnumerable<object[]> HashVectors => Vectors.Rows("fnv1a");

    public static IEnumerable<object[]> XorVectors => Vectors.Rows("xorCombine");

    [Theory]
    [MemberData(nameof(HashVectors))]
    public void Hash_matches_the_TypeScript_peers(string row)
    {
        var vector = JsonDocument.Parse(row).RootElement;
        Assert.Equal(vector.GetProperty("hash").GetUInt32(), Fnv1a.Hash(vector.GetProperty("input").GetString()!));
    }

    [Theory]
    [MemberData(nameof(XorVectors))]
    public void Combining_is_xor(string row)
    {
        var vector = JsonDocument.Parse(row).RootElement;
        var combined = vector.GetProperty("a").GetUInt32() ^ vector.GetProperty("b").GetUInt32();
        Assert.Equal(vector.GetProperty("combined").GetUInt32(), combined);
    }

    [Fact]
    public void A_never_written_leaf_contributes_nothing()
    {
        Assert.Equal(0u, Fnv1a.HashTimestamp(""));
        Assert.Equal(Fnv1a.Hash("OhqqeV-----BT7zq"), Fnv1a.HashTimestamp("OhqqeV-----BT7zq"));
    }
}
