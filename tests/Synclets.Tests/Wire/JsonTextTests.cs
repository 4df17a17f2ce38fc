using System.Text;
using Synclets.Protocol;
using Synclets.Wire;

namespace Synclets.Tests.Wire;

/// <summary>The JSON text must be what JavaScript's JSON.stringify writes (plus our three extra escapes).</summary>
public class JsonTextTests
{
    private static readonly WireCodec s_json = WireCodec.For(WireFormat.Json);

    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0.0000015, "0.0000015")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(9.3e18, "9300000000000000000")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e+308, "1.7976931348623157e+308")]
    [InlineData(-1.7976931348623157e+308, "-1.7976931348623157e+308")]
    [InlineData(2.2250738585072014e-308, "2.2250738585072014e-308")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(-1.5e-300, "-1.5e-300")]
    [InlineData(123.456, "123.456")]
    [InlineData(0.3, "0.3")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(0.0, "0")]
    [InlineData(100.0, "100")]
    [InlineData(4.35, "4.35")]
    [InlineData(1.2345e-6, "0.0000012345")]
    [InlineData(0.00000123456789012345678, "0.0000012345678901234567")]
    [InlineData(9.87654321e-8, "9.87654321e-8")]
    public void NumbersArePrintedAsJavaScriptDoes(double value, string expected)
    {
        Span<byte> buffer = stackalloc byte[JsNumberFormatter.MaxLength];
        var length = JsNumberFormatter.Format(value, buffer);
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer[..length]));
    }

    [Fact]
    public void NegativeZeroIsPrintedAsZero()
    {
        Span<byte> buffer = stackalloc byte[JsNumberFormatter.MaxLength];
        Assert.Equal("0", Encoding.ASCII.GetString(buffer[..JsNumberFormatter.Format(-0.0, buffer)]));
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(-42L, "-42")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    [InlineData(long.MinValue, "-9223372036854775808")]
    public void IntegersArePrintedPlainly(long value, string expected) =>
        Assert.Equal($"[1,0,1,[\"k\"],[\"t\",{expected}],{{}}]", Encode(WireTestData.Leaf(new TimestampAndAtomNode("t", value), "k")));

    [Fact]
    public void DoubleAtomsUseTheJavaScriptLayout() =>
        Assert.Equal("[1,0,1,[\"k\"],[\"t\",1e+21],{}]", Encode(WireTestData.Leaf(new TimestampAndAtomNode("t", 1e21), "k")));

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("", "\"\"")]
    [InlineData("x y", "\"x\\u0020y\"")]
    [InlineData("a\"b\\c/d", "\"a\\\"b\\\\c/d\"")]
    [InlineData("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"")]
    [InlineData("\u0000\u0001\u001f", "\"\\u0000\\u0001\\u001f\"")]
    [InlineData("\u007f", "\"\u007f\"")]
    [InlineData("\u2028\u2029", "\"\\u2028\\u2029\"")]
    [InlineData("é中\uFFFC\uFEFF", "\"é中\uFFFC\uFEFF\"")]
    [InlineData("😀", "\"😀\"")]
    [InlineData("\U0010FFFF", "\"\U0010FFFF\"")]
    public void StringsAreEscapedAsJsonStringifyDoesPlusSpaceAndLineSeparators(string value, string expected) =>
        AssertEveryStringPosition(value, expected);

    [Fact]
    public void LoneSurrogatesAreEscapedInLowercaseHex()
    {
        // Not in [InlineData]: attribute blobs store strings as UTF-8, which cannot hold lone surrogates.
        AssertEveryStringPosition("\ud800", "\"\\ud800\"");
        AssertEveryStringPosition("a\udc00b", "\"a\\udc00b\"");
        AssertEveryStringPosition("\udbff\udfff\udfff", "\"\U0010FFFF\\udfff\"");
        AssertEveryStringPosition("\udc00\ud800", "\"\\udc00\\ud800\"");
        AssertEveryStringPosition("x\udbff", "\"x\\udbff\"");
    }

    private static void AssertEveryStringPosition(string value, string expected)
    {
        // Every string position: ids, timestamps, atoms and context keys and values.
        var message = new Message(1, new Address(value), new TimestampAndAtomNode(value, value), WireTestData.Context((value, value)));
        Assert.Equal($"[1,0,1,[{expected}],[{expected},{expected}],{{{expected}:{expected}}}]", Encode(message));
    }

    [Fact]
    public void EveryNodeShapeIsWrittenAsTheTypeScriptPeersWriteIt()
    {
        Assert.Equal("[1,0,2,[],4294967295,{}]", Encode(new Message(2, Address.Root, new HashNode(uint.MaxValue), MessageContext.Empty)));
        Assert.Equal("[1,0,1,[\"k\"],\"ts\",{}]", Encode(WireTestData.Leaf(new TimestampNode("ts"), "k")));
        Assert.Equal("[1,0,1,[\"k\"],[\"ts\",\"\uFFFC\"],{}]", Encode(WireTestData.Leaf(new TimestampAndAtomNode("ts", null), "k")));
        Assert.Equal("[1,0,1,[\"k\"],[\"ts\",null],{}]", Encode(WireTestData.Leaf(new TimestampAndAtomNode("ts", Atom.Null), "k")));
        Assert.Equal("[1,0,1,[\"k\"],[\"ts\",true],{}]", Encode(WireTestData.Leaf(new TimestampAndAtomNode("ts", true), "k")));
        Assert.Equal("[1,0,2,[],[{}],{}]", Encode(new Message(2, Address.Root, WireTestData.SubNodes(false), MessageContext.Empty)));
        Assert.Equal("[1,0,2,[],[{},1],{}]", Encode(new Message(2, Address.Root, WireTestData.SubNodes(true), MessageContext.Empty)));
        Assert.Equal(
            "[1,0,2,[],[{\"a\":1,\"b\":[{\"c\":\"t\"}]}],{\"n\":-0.5}]",
            Encode(new Message(
                2,
                Address.Root,
                WireTestData.SubNodes(false, ("a", new HashNode(1)), ("b", WireTestData.SubNodes(false, ("c", new TimestampNode("t"))))),
                WireTestData.Context(("n", -0.5)))));
    }

    [Theory]
    [InlineData("[1,0,1,[\"k\"],[\"t\",\"\\ufffc\"],{}]", null)]
    [InlineData("[1,0,1,[\"k\"],[\"t\",\"x y\"],{}]", "x y")]
    [InlineData("[1,0,1,[\"k\"],[\"t\",\"x\\u0020y\"],{}]", "x y")]
    [InlineData("[1,0,1,[\"k\"],[\"t\",\"a\u2028b\"],{}]", "a\u2028b")]
    [InlineData("[1,0,1,[\"k\"],[\"t\",\"\\/\\\"\\\\\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"],{}]", "/\"\\\b\f\n\r\t\u00e9😀")]
    [InlineData(" \n [ 1 , 0 , 1 , [ \"k\" ] , [ \"t\" , \"v\" ] , { } ] \r\n", "v")]
    public void DecodingAcceptsAnyValidJsonSpelling(string json, string? expected)
    {
        var node = Assert.IsType<TimestampAndAtomNode>(s_json.DecodeMessage(Encoding.UTF8.GetBytes(json)).Node);
        Assert.Equal(expected is null ? (Atom?)null : Atom.FromString(expected), node.Atom);
    }

    [Theory]
    [InlineData("3", AtomKind.Integer)]
    [InlineData("-3", AtomKind.Integer)]
    [InlineData("3.0", AtomKind.Integer)]
    [InlineData("1e3", AtomKind.Integer)]
    [InlineData("9223372036854775807", AtomKind.Integer)]
    [InlineData("9223372036854775808", AtomKind.Double)]
    [InlineData("1e21", AtomKind.Double)]
    [InlineData("0.5", AtomKind.Double)]
    [InlineData("-0", AtomKind.Integer)]
    public void IntegralNumbersThatFitInALongDecodeAsIntegers(string number, AtomKind kind)
    {
        var node = (TimestampAndAtomNode)s_json.DecodeMessage(Encoding.UTF8.GetBytes($"[1,0,1,[\"k\"],[\"t\",{number}],{{}}]")).Node;
        Assert.Equal(kind, node.Atom!.Value.Kind);
    }

    [Theory]
    [InlineData("[{\"a\":\"t\"}]", false)]
    [InlineData("[{\"a\":\"t\"},1]", true)]
    [InlineData("[{\"a\":\"t\"},0]", false)]
    public void ThePartialFlagIsOptional(string node, bool partial)
    {
        var decoded = Assert.IsType<SubNodesNode>(s_json.DecodeMessage(Encoding.UTF8.GetBytes($"[1,0,2,[],{node},{{}}]")).Node);
        Assert.Equal(partial, decoded.IsPartial);
    }

    [Theory]
    [InlineData("3735928559")]
    [InlineData("3735928559.0")]
    [InlineData("3.735928559e9")]
    public void HashesMayBeSpelledAsAnyIntegralNumber(string hash) =>
        Assert.Equal(new HashNode(3735928559), s_json.DecodeMessage(Encoding.UTF8.GetBytes($"[1,0,2,[],{hash},{{}}]")).Node);

    [Fact]
    public void ARepeatedKeyKeepsTheLastValueAsJsonParseDoes()
    {
        var message = s_json.DecodeMessage("[1,0,2,[],[{\"a\":1,\"a\":2}],{\"k\":1,\"k\":\"x\"}]"u8);
        Assert.Equal(new HashNode(2), ((SubNodesNode)message.Node).Children["a"]);
        Assert.Equal("x", message.Context["k"]);
    }

    [Fact]
    public void VersionTypeAndDepthAreReadNotJudged()
    {
        var message = s_json.DecodeMessage("[7,3,-2,[],1,{}]"u8);
        Assert.Equal((7, 3, -2), (message.Version, message.Type, message.Depth));
    }

    private static string Encode(Message message) => Encoding.UTF8.GetString(s_json.EncodeMessage(message));
}
