using System.Text;
using MessagePack;
using Synclets.Tests.Support;
using Synclets.Wire;

namespace Synclets.Tests.Attacks;

/// <summary>
/// Ids and strings with a lone surrogate are refused wherever they come from: stored, two ids that
/// differ only in their lone surrogate (<c>\ud800</c>, <c>\ud801</c>) become the same U+FFFD in
/// UTF-8 and MessagePack, so one value is silently lost and peers never converge.
/// </summary>
public sealed class IdsThatCannotRoundTripTests
{
    // By index: attribute arguments are stored as UTF-8, which cannot hold a lone surrogate.
    private static readonly string[] LoneSurrogateIds = ["a\ud800", "\udc00", "\udc00\ud800", "x\ud83d"];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task The_local_api_refuses_an_id_with_a_lone_surrogate(int which)
    {
        var id = LoneSurrogateIds[which];
        await using var target = await HostileTarget.StartAsync(2, WireFormat.MessagePack);
        var set = await Assert.ThrowsAsync<ArgumentException>(() => target.Synclet.SetAtomAsync(new Address("t", id), 1));
        Assert.Contains("lone surrogate", set.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => target.Synclet.DelAtomAsync(new Address(id, "c")));
        await Assert.ThrowsAsync<ArgumentException>(() => target.Synclet.SetAtomsAsync([new(new Address("t", "ok"), 1), new(new Address("t", id), 2)]));
        Assert.Empty(await target.Synclet.GetDataAsync()); // the good write of the refused batch is not stored either
    }

    [Fact]
    public async Task The_local_api_refuses_a_string_atom_with_a_lone_surrogate_and_keeps_pairs()
    {
        await using var target = await HostileTarget.StartAsync(2, WireFormat.Json);
        var exception = await Assert.ThrowsAsync<ArgumentException>(() => target.Synclet.SetAtomAsync(new Address("t", "a"), "x\ud800"));
        Assert.Contains("lone surrogate", exception.Message);

        await target.Synclet.SetAtomAsync(new Address("t", "\U0001F600"), "\U0001F600");
        Assert.Equal("\U0001F600", await target.Synclet.GetAtomAsync(new Address("t", "\U0001F600")));
    }

    [Fact]
    public async Task Two_ids_differing_only_by_a_lone_surrogate_in_json_are_both_refused_and_nothing_is_stored()
    {
        await using var target = await HostileTarget.StartAsync(2, WireFormat.Json);
        foreach (var (id, messageId) in new[] { ("\\ud800", "m1"), ("\\ud801", "m2") })
        {
            target.Peer.Inject(Encoding.UTF8.GetBytes($$"""peer {{messageId}} 0 1 [1,0,2,["t","{{id}}"],["OhqqeV-----BT7zq","lost?"],{}]"""));
        }

        await target.Synclet.WhenReceivedProcessedAsync();
        Assert.Empty(await target.Synclet.GetDataAsync());
        Assert.Empty(await target.Synclet.GetMetaAsync());
        Assert.Equal(2, target.Synclet.Statistics.MessagesRejected);
        Assert.Empty(target.Peer.Sent);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_messagepack_id_is_refused_rather_than_read_as_a_replacement_character()
    {
        await using var target = await HostileTarget.StartAsync(2, WireFormat.MessagePack);
        var message = MessagePackBytes.Of((ref MessagePackWriter payload) =>
        {
            payload.WriteArrayHeader(6);
            payload.Write(1);
            payload.Write(0);
            payload.Write(2);
            payload.WriteArrayHeader(2);
            payload.Write("t");
            payload.WriteString([0xED, 0xA0, 0x80]); // a lone U+D800 as CESU-8 would write it
            payload.WriteArrayHeader(2);
            payload.Write("OhqqeV-----BT7zq");
            payload.Write("lost?");
            payload.WriteMapHeader(0);
        });
        target.Peer.Inject(MessagePackBytes.Packet("peer", "m1", message));

        await target.Synclet.WhenReceivedProcessedAsync();
        Assert.Empty(await target.Synclet.GetDataAsync());
        Assert.Equal(1, target.Synclet.Statistics.MessagesRejected);
    }
}
