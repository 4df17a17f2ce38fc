using System.Text;
using Synclets.Wire;

namespace Synclets.Tests.Attacks;

/// <summary>
/// An integer a double cannot hold never reaches a JavaScript peer: it would round it, and since
/// hashes cover timestamps only, the two values would never be told apart or repaired.
/// </summary>
public sealed class UnsafeIntegerTests
{
    private const long MaxSafe = (1L << 53) - 1;

    [Theory]
    [InlineData(MaxSafe + 1)]
    [InlineData(-MaxSafe - 1)]
    [InlineData(long.MaxValue)]
    public async Task A_synclet_with_a_json_transport_refuses_to_write_an_unsafe_integer(long value)
    {
        await using var target = await HostileTarget.StartAsync(2, WireFormat.Json);
        var exception = await Assert.ThrowsAsync<ArgumentException>(() => target.Synclet.SetAtomAsync(new Address("t", "n"), value));
        Assert.Contains("2^53", exception.Message);
        Assert.Empty(await target.Synclet.GetMetaAsync());
    }

    [Fact]
    public async Task Safe_integers_are_written_and_a_messagepack_only_synclet_keeps_any_long()
    {
        await using (var json = await HostileTarget.StartAsync(2, WireFormat.Json))
        {
            await json.Synclet.SetAtomAsync(new Address("t", "max"), MaxSafe);
            await json.Synclet.SetAtomAsync(new Address("t", "min"), -MaxSafe);
            Assert.Equal(2, (await json.Synclet.GetDataAsync())["t"].Count);
        }

        await using var messagePack = await HostileTarget.StartAsync(2, WireFormat.MessagePack);
        await messagePack.Synclet.SetAtomAsync(new Address("t", "n"), long.MaxValue);
        Assert.Equal(long.MaxValue, (await messagePack.Synclet.GetAtomAsync(new Address("t", "n")))!.Value.AsInteger());
    }

    [Fact]
    public async Task A_received_integer_javascript_cannot_hold_is_a_counted_drop_and_one_it_can_is_applied()
    {
        await using var target = await HostileTarget.StartAsync(2, WireFormat.Json);

        // 2^53 + 1 has no double; 2^53 does, and a JavaScript peer may well have written it.
        Inject(target, "m1", "bad", "9007199254740993");
        Inject(target, "m2", "good", "9007199254740992");
        await target.Synclet.WhenReceivedProcessedAsync();

        Assert.Null(await target.Synclet.GetAtomAsync(new Address("t", "bad")));
        Assert.Equal(1L << 53, (await target.Synclet.GetAtomAsync(new Address("t", "good")))!.Value.AsInteger());
        Assert.Equal(1, target.Synclet.Statistics.MessagesRejected);
        Assert.Contains(target.Log.Warnings, line => line.Contains("cannot be held exactly by JavaScript peers"));
    }

    private static void Inject(HostileTarget target, string messageId, string id, string number) =>
        target.Peer.Inject(Encoding.UTF8.GetBytes($$"""peer {{messageId}} 0 1 [1,0,2,["t","{{id}}"],["OhqqeV-----BT7zq",{{number}}],{}]"""));
}
