using System.Text;
using System.Text.Json;
using Synclets.Protocol;
using Synclets.Wire;

namespace Synclets.Tests.Wire;

/// <summary>Messages and packets produced by the TypeScript Synclets (tests/Synclets.Tests/Vectors/protocol-v1.json).</summary>
public class GoldenVectorTests
{
    private static readonly WireCodec s_json = WireCodec.For(WireFormat.Json);

    public static TheoryData<string> JsonMessages() => new(JsonMessageTexts());

    public static TheoryData<string> Packets() => new(PacketTexts());

    [Theory]
    [MemberData(nameof(JsonMessages))]
    public void DecodedMessagesReEncodeToTheSameText(string json)
    {
        var message = s_json.DecodeMessage(Encoding.UTF8.GetBytes(json));
        var encoded = Encoding.UTF8.GetString(s_json.EncodeMessage(message));
        Assert.Equal(EscapeSpacesInStrings(json), encoded);
    }

    [Fact]
    public void TheVectorsDecodeToTheExpectedMessages()
    {
        var cases = JsonMessageTexts().Select(json => s_json.DecodeMessage(Encoding.UTF8.GetBytes(json))).ToArray();
        Assert.Equal(6, cases.Length);
        Assert.Equal(new Message(1, Address.Root, new HashNode(12345), MessageContext.Empty), cases[0]);
        Assert.Equal(WireTestData.Leaf(new TimestampNode("P7LUAu5----F1S3k"), "users", "alice"), cases[1]);
        Assert.Equal(WireTestData.Leaf(new TimestampAndAtomNode("P7LUBBy----c_e0a", null), "users", "bob"), cases[2]);
        Assert.Equal(WireTestData.Leaf(new TimestampAndAtomNode("P7LUBBy----c_e0a", Atom.Null), "users", "bob"), cases[3]);
        var expected = new Message(
            3,
            new Address("t"),
            WireTestData.SubNodes(
                true,
                ("r1", WireTestData.SubNodes(
                    false,
                    ("c1", new TimestampAndAtomNode("P7LUBBy----c_e0a", 1.5)),
                    ("c2", new TimestampAndAtomNode("P7LUBBy----c_e0a", "x y"))))),
            WireTestData.Context(("user", "u1"), ("n", 3)));
        Assert.Equal(expected, cases[4]);
        Assert.Equal(AtomKind.Integer, cases[4].Context["n"].Kind);
        Assert.Equal(new Message(2, Address.Root, WireTestData.SubNodes(false, ("row", new HashNode(3735928559))), MessageContext.Empty), cases[5]);
    }

    [Fact]
    public void OurEncoderEscapesTheSpaceInXy()
    {
        var json = JsonMessageTexts().Single(json => json.Contains("x y", StringComparison.Ordinal));
        var encoded = Encoding.UTF8.GetString(s_json.EncodeMessage(s_json.DecodeMessage(Encoding.UTF8.GetBytes(json))));
        Assert.Contains("\"x\\u0020y\"", encoded, StringComparison.Ordinal);
        Assert.DoesNotContain("x y", encoded, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Packets))]
    public void PacketsParseAndReEncodeByteForByte(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.True(s_json.TryParsePacket(bytes, out var packet));
        Assert.Equal(0, packet.Index);
        Assert.Equal(1, packet.Total);
        Assert.Equal(16, packet.MessageId.Length);

        var message = s_json.DecodeMessage(packet.Fragment.Span);
        var packets = s_json.EncodePackets(packet.Peer, packet.MessageId, message, fragmentSize: 4096);
        Assert.Single(packets);

        // The TypeScript peer wrote the space in "Alice A." raw; ours escapes it (see DESIGN.md §6).
        var fragmentStart = text.Length - Encoding.UTF8.GetString(packet.Fragment.Span).Length;
        var expected = text[..fragmentStart] + EscapeSpacesInStrings(text[fragmentStart..]);
        Assert.Equal(expected, Encoding.UTF8.GetString(packets[0]));
    }

    [Fact]
    public void TheFirstPacketIsABroadcastAndTheOthersComeFromTheirSender()
    {
        var peers = PacketTexts().Select(text =>
        {
            Assert.True(s_json.TryParsePacket(Encoding.UTF8.GetBytes(text), out var packet));
            return packet.Peer;
        }).ToArray();
        Assert.Equal(["*", "P-QAdUTMp5CShlZX", "P-QAdUTMp5CShlZX", "P-QAdUTMp5CShlZX"], peers);
    }

    [Fact]
    public void TheDeletedAtomPacketCarriesARawObjectReplacementCharacter()
    {
        var text = PacketTexts().Single(text => text.Contains('\uFFFC', StringComparison.Ordinal));
        Assert.True(s_json.TryParsePacket(Encoding.UTF8.GetBytes(text), out var packet));
        var node = Assert.IsType<TimestampAndAtomNode>(s_json.DecodeMessage(packet.Fragment.Span).Node);
        Assert.Null(node.Atom);
        var reEncoded = s_json.EncodePackets(packet.Peer, packet.MessageId, s_json.DecodeMessage(packet.Fragment.Span), 4096)[0];
        Assert.Equal(Encoding.UTF8.GetBytes(text), reEncoded);
    }

    /// <summary>The TypeScript text with spaces inside JSON strings written as \u0020, as our encoder does.</summary>
    private static string EscapeSpacesInStrings(string json)
    {
        var builder = new StringBuilder(json.Length);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString && c == '\\')
            {
                builder.Append(c).Append(json[++i]);
                continue;
            }

            if (c == '"')
            {
                inString = !inString;
            }

            builder.Append(inString && c == ' ' ? "\\u0020" : c.ToString());
        }

        return builder.ToString();
    }

    private static string[] JsonMessageTexts() =>
        [.. Vectors().GetProperty("jsonMessages").GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("json").GetString()!)];

    private static string[] PacketTexts() =>
        [.. Vectors().GetProperty("packets").GetProperty("examples").EnumerateArray().Select(p => p.GetString()!)];

    private static JsonElement Vectors()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", "protocol-v1.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }
}
