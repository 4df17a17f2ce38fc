using System.Text;
using MessagePack;
using Synclets.Protocol;
using Synclets.Wire;

namespace Synclets.Tests.Wire;

public class MalformedMessageTests
{
    private static readonly WireCodec s_json = WireCodec.For(WireFormat.Json);
    private static readonly WireCodec s_messagePack = WireCodec.For(WireFormat.MessagePack);

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("   ", "not valid JSON")]
    [InlineData("garbage", "not valid JSON")]
    [InlineData("[1,0,1,[],1,{}", "not valid JSON")]
    [InlineData("[1,0,1,[],1,{}]]", "not valid JSON")]
    [InlineData("[1,0,1,[],1,{}] x", "not valid JSON")]
    [InlineData("[1,0,1,[],1,{}][]", "not valid JSON")]
    [InlineData("[1,0,1,[],1,{},]", "not valid JSON")]
    [InlineData("[1,0,1,[],NaN,{}]", "not valid JSON")]
    [InlineData("[1,0,1,[\"k\"],[\"t\",Infinity],{}]", "not valid JSON")]
    [InlineData("[1,0,1,[\"k\"],[\"t\",-Infinity],{}]", "not valid JSON")]
    [InlineData("[1,0,1,[],1,{}] // comment", "not valid JSON")]
    [InlineData("{}", "must be a JSON array")]
    [InlineData("\"text\"", "must be a JSON array")]
    [InlineData("[]", "version must be a 32-bit integer; found the end of an array")]
    [InlineData("[1,0,1,[],1]", "context must be an object")]
    [InlineData("[1,0,1,[],1,{},2]", "exactly 6 elements")]
    [InlineData("[\"1\",0,1,[],1,{}]", "version must be a 32-bit integer; found a string")]
    [InlineData("[1.5,0,1,[],1,{}]", "version must be a 32-bit integer; found the number 1.5")]
    [InlineData("[1,null,1,[],1,{}]", "type must be a 32-bit integer; found null")]
    [InlineData("[1,0,3000000000,[],1,{}]", "depth must be a 32-bit integer")]
    [InlineData("[1,0,1,\"a\",1,{}]", "address must be an array")]
    [InlineData("[1,0,1,[1],1,{}]", "address id must be a string; found the number 1")]
    [InlineData("[1,0,1,[null],1,{}]", "address id must be a string; found null")]
    [InlineData("[1,0,1,[[\"a\"]],1,{}]", "address id must be a string; found an array")]
    [InlineData("[1,0,1,[],-1,{}]", "hash must be an integer from 0 to 4294967295; found the number -1")]
    [InlineData("[1,0,1,[],1.5,{}]", "hash must be an integer from 0 to 4294967295; found the number 1.5")]
    [InlineData("[1,0,1,[],4294967296,{}]", "hash must be an integer from 0 to 4294967295; found the number 4294967296")]
    [InlineData("[1,0,1,[],1e400,{}]", "hash must be an integer")]
    [InlineData("[1,0,1,[],null,{}]", "node must be a string (timestamp), a number (hash) or an array; found null")]
    [InlineData("[1,0,1,[],true,{}]", "node must be a string")]
    [InlineData("[1,0,1,[],{},{}]", "node must be a string")]
    [InlineData("[1,0,1,[],[],{}]", "node array must start with an object")]
    [InlineData("[1,0,1,[],[1,2],{}]", "node array must start with an object")]
    [InlineData("[1,0,1,[],[[]],{}]", "node array must start with an object")]
    [InlineData("[1,0,1,[\"k\"],[\"t\"],{}]", "An atom must be null, a boolean, a number or a string; found the end of an array")]
    [InlineData("[1,0,1,[\"k\"],[\"t\",1,2],{}]", "[timestamp, atom] node must have exactly 2 elements")]
    [InlineData("[1,0,1,[\"k\"],[\"t\",[1]],{}]", "An atom must be null, a boolean, a number or a string; found an array")]
    [InlineData("[1,0,1,[\"k\"],[\"t\",{}],{}]", "An atom must be null, a boolean, a number or a string; found an object")]
    [InlineData("[1,0,1,[\"k\"],[\"t\",1e400],{}]", "number atom must be finite")]
    [InlineData("[1,0,1,[],[{},2],{}]", "partial flag of a sub-nodes node must be 1 or 0; found the number 2")]
    [InlineData("[1,0,1,[],[{},1.0],{}]", "partial flag")]
    [InlineData("[1,0,1,[],[{},true],{}]", "sub-nodes node must be [{…}] or [{…}, 1]; found a boolean")]
    [InlineData("[1,0,1,[],[{},1,1],{}]", "sub-nodes node must be [{…}] or [{…}, 1]; found the number 1")]
    [InlineData("[1,0,1,[],[{\"a\":null}],{}]", "node must be a string")]
    [InlineData("[1,0,1,[],[{\"a\":[]}],{}]", "node array must start with an object")]
    [InlineData("[1,0,1,[],1,[]]", "context must be an object")]
    [InlineData("[1,0,1,[],1,{\"k\":[]}]", "An atom must be null, a boolean, a number or a string; found an array")]
    [InlineData("[1,0,1,[],1,{\"k\":{}}]", "An atom must be null")]
    [InlineData("[1,0,1,[\"\\x\"],1,{}]", "not valid JSON")]
    [InlineData("[1,0,1,[\"\\u12\"],1,{}]", "not valid JSON")]
    [InlineData("[1,0,1,[\"a\nb\"],1,{}]", "not valid JSON")]
    public void MalformedJsonIsRefusedWithAClearMessage(string json, string expected)
    {
        var exception = Assert.Throws<WireFormatException>(() => s_json.DecodeMessage(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8IsRefused()
    {
        byte[] json = [.. "[1,0,1,[\""u8, 0xC3, 0x28, .. "\"],1,{}]"u8];
        Assert.Throws<WireFormatException>(() => s_json.DecodeMessage(json));
        byte[] escaped = [.. "[1,0,1,[\"\\n"u8, 0xFF, .. "\"],1,{}]"u8];
        Assert.Throws<WireFormatException>(() => s_json.DecodeMessage(escaped));
    }

    [Fact]
    public void TheDeletedMarkerIsOnlyAnAtomInsideALeafNode()
    {
        // In the context, U+FFFC is just a string.
        var message = s_json.DecodeMessage(Encoding.UTF8.GetBytes("[1,0,1,[],1,{\"k\":\"\uFFFC\"}]"));
        Assert.Equal("\uFFFC", message.Context["k"]);
    }

    [Fact]
    public void DeepJsonNestingIsRefusedWithoutOverflowingTheStack()
    {
        // Sub-nodes nested 40 levels deep (81 JSON levels) and plain hostile nesting.
        var deep = new StringBuilder("[1,0,40,[],");
        for (var i = 0; i < 40; i++)
        {
            deep.Append("[{\"a\":");
        }

        deep.Append("\"t\"");
        for (var i = 0; i < 40; i++)
        {
            deep.Append("}]");
        }

        deep.Append(",{}]");
        var exception = Assert.Throws<WireFormatException>(() => s_json.DecodeMessage(Encoding.UTF8.GetBytes(deep.ToString())));
        Assert.Contains("depth", exception.Message, StringComparison.OrdinalIgnoreCase);

        var hostile = "[1,0,1,[]," + new string('[', 100_000) + new string(']', 100_000) + ",{}]";
        Assert.Throws<WireFormatException>(() => s_json.DecodeMessage(Encoding.UTF8.GetBytes(hostile)));
        var hostileAtom = "[1,0,1,[],1,{\"k\":" + new string('[', 100_000) + "]";
        Assert.Throws<WireFormatException>(() => s_json.DecodeMessage(Encoding.UTF8.GetBytes(hostileAtom)));
    }

    [Fact]
    public void ReasonablyDeepTreesStillDecode()
    {
        MessageNode node = new TimestampAndAtomNode("t", 1);
        for (var i = 0; i < 30; i++)
        {
            node = WireTestData.SubNodes(false, ("a", node));
        }

        var message = new Message(31, Address.Root, node, MessageContext.Empty);
        foreach (var codec in new[] { s_json, s_messagePack })
        {
            Assert.Equal(message, codec.DecodeMessage(codec.EncodeMessage(message)));
        }
    }

    public static TheoryData<string, byte[], string> MalformedMessagePack() => new()
    {
        { "empty", [], "empty" },
        { "nil", [0xC0], "must be an array" },
        { "a map", [0x80], "must be an array" },
        { "five elements", [0x95, 1, 0, 1, 0x90, 1], "exactly 6 elements; found 5" },
        { "seven elements", [0x97, 1, 0, 1, 0x90, 1, 0x80, 0], "exactly 6 elements; found 7" },
        { "string version", [0x96, 0xA1, (byte)'1', 0, 1, 0x90, 1, 0x80], "version must be a 32-bit integer; found a string" },
        { "float depth", [0x96, 1, 0, 0xCA, 0x3F, 0xC0, 0, 0, 0x90, 1, 0x80], "depth must be a 32-bit integer; found a float" },
        { "huge depth", [0x96, 1, 0, 0xCE, 0xFF, 0xFF, 0xFF, 0xFF, 0x90, 1, 0x80], "depth must be a 32-bit integer; found 4294967295" },
        { "address not an array", [0x96, 1, 0, 1, 0xA1, (byte)'a', 1, 0x80], "address must be an array" },
        { "integer id", [0x96, 1, 0, 1, 0x91, 5, 1, 0x80], "An address id must be a string; found an integer" },
        { "nil id", [0x96, 1, 0, 1, 0x91, 0xC0, 1, 0x80], "An address id must be a string; found nil" },
        { "negative hash", [0x96, 1, 0, 1, 0x90, 0xFF, 0x80], "hash must be an integer from 0 to 4294967295; found -1" },
        { "hash over uint32", [0x96, 1, 0, 1, 0x90, 0xCF, 0, 0, 0, 1, 0, 0, 0, 0, 0x80], "found 4294967296" },
        { "hash over long", [0x96, 1, 0, 1, 0x90, 0xCF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0x80], "found 18374686479671623680" },
        { "float hash", [0x96, 1, 0, 1, 0x90, 0xCA, 0x3F, 0xC0, 0, 0, 0x80], "node must be a string (timestamp), an integer (hash) or an array; found a float" },
        { "nil node", [0x96, 1, 0, 1, 0x90, 0xC0, 0x80], "found nil" },
        { "empty node array", [0x96, 1, 0, 1, 0x90, 0x90, 0x80], "found 0 elements" },
        { "timestamp alone", [0x96, 1, 0, 1, 0x90, 0x91, 0xA1, (byte)'t', 0x80], "found 1 elements starting with a string" },
        { "three elements", [0x96, 1, 0, 1, 0x90, 0x93, 0xA1, (byte)'t', 1, 1, 0x80], "found 3 elements" },
        { "array atom", [0x96, 1, 0, 1, 0x90, 0x92, 0xA1, (byte)'t', 0x90, 0x80], "An atom must be nil, a boolean, a number or a string; found an array" },
        { "binary atom", [0x96, 1, 0, 1, 0x90, 0x92, 0xA1, (byte)'t', 0xC4, 0, 0x80], "found binary data" },
        { "other extension", [0x96, 1, 0, 1, 0x90, 0x92, 0xA1, (byte)'t', 0xD4, 5, 0, 0x80], "found type 5 with 1 bytes" },
        { "deleted with data", [0x96, 1, 0, 1, 0x90, 0x92, 0xA1, (byte)'t', 0xD4, 0, 0, 0x80], "found type 0 with 1 bytes" },
        { "NaN atom", [0x96, 1, 0, 1, 0x90, 0x92, 0xA1, (byte)'t', 0xCB, 0x7F, 0xF8, 0, 0, 0, 0, 0, 0, 0x80], "number atom must be finite" },
        { "infinite atom", [0x96, 1, 0, 1, 0x90, 0x92, 0xA1, (byte)'t', 0xCA, 0x7F, 0x80, 0, 0, 0x80], "number atom must be finite" },
        { "partial flag 2", [0x96, 1, 0, 1, 0x90, 0x92, 0x80, 2, 0x80], "partial flag of a sub-nodes node must be 1 or 0; found 2" },
        { "partial flag true", [0x96, 1, 0, 1, 0x90, 0x92, 0x80, 0xC3, 0x80], "partial flag of a sub-nodes node must be 1 or 0; found a boolean" },
        { "integer child id", [0x96, 1, 0, 1, 0x90, 0x91, 0x81, 1, 1, 0x80], "A child id must be a string" },
        { "context array", [0x96, 1, 0, 1, 0x90, 1, 0x90], "context must be a map; found an array" },
        { "context integer key", [0x96, 1, 0, 1, 0x90, 1, 0x81, 1, 1], "A context key must be a string" },
        { "deleted in context", [0x96, 1, 0, 1, 0x90, 1, 0x81, 0xA1, (byte)'k', 0xD4, 0, 0], "found an extension" },
        { "trailing byte", [0x96, 1, 0, 1, 0x90, 1, 0x80, 0xC0], "1 bytes of data after the message" },
        { "truncated", [0x96, 1, 0, 1, 0x90, 0x92, 0xA5, (byte)'t'], "not valid MessagePack" },
        { "truncated header", [0xDC, 0], "not valid MessagePack" },
        { "array claims more than exists", [0xDD, 0x7F, 0xFF, 0xFF, 0xFF], "not valid MessagePack" },
        { "invalid code", [0xC1], "found the invalid code 0xc1" },
        { "bad LZ4 block", [0x92, 0xD4, 98, 0x10, 0xC4, 0x02, 0xFF, 0xFF], "not valid MessagePack" },
        { "LZ4 bomb", [0x92, 0xC7, 5, 98, 0xD2, 0x7F, 0xFF, 0xFF, 0xFF, 0xC4, 0x02, 0xF0, 0x00], "not valid MessagePack" },
    };

    [Theory]
    [MemberData(nameof(MalformedMessagePack))]
    public void MalformedMessagePackIsRefusedWithAClearMessage(string name, byte[] payload, string expected)
    {
        var exception = Assert.Throws<WireFormatException>(() => s_messagePack.DecodeMessage(payload));
        Assert.True(exception.Message.Contains(expected, StringComparison.Ordinal), $"{name}: {exception.Message}");
    }

    [Fact]
    public void DataAfterACompressedMessageIsRefused()
    {
        var payload = s_messagePack.EncodeMessage(WireTestData.InitialSync(tables: 1, rows: 50));
        Assert.Equal(98, new MessagePackReader(payload) is var reader && reader.ReadArrayHeader() > 1 ? reader.ReadExtensionFormatHeader().TypeCode : -1);
        var exception = Assert.Throws<WireFormatException>(() => s_messagePack.DecodeMessage([.. payload, 0xC0]));
        Assert.Contains("1 bytes of data after the message", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedMessagePackIsRefusedAtEveryLength()
    {
        foreach (var message in WireTestData.EveryKind().Take(20).Append(WireTestData.InitialSync(tables: 1, rows: 20)))
        {
            var payload = s_messagePack.EncodeMessage(message);
            for (var length = 0; length < payload.Length; length++)
            {
                Assert.Throws<WireFormatException>(() => s_messagePack.DecodeMessage(payload.AsSpan(0, length)));
            }
        }
    }

    [Fact]
    public void TruncatedJsonIsRefusedAtEveryLength()
    {
        foreach (var message in WireTestData.EveryKind().Take(30))
        {
            var payload = s_json.EncodeMessage(message);
            for (var length = 0; length < payload.Length; length++)
            {
                Assert.Throws<WireFormatException>(() => s_json.DecodeMessage(payload.AsSpan(0, length)));
            }
        }
    }

    [Fact]
    public void DeepMessagePackNestingIsRefusedWithoutOverflowingTheStack()
    {
        // [1, 0, 1, [], [{"a": [{"a": … 100,000 levels …}]}], {}]
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(6);
        writer.Write(1);
        writer.Write(0);
        writer.Write(1);
        writer.WriteArrayHeader(0);
        for (var i = 0; i < 100_000; i++)
        {
            writer.WriteArrayHeader(1);
            writer.WriteMapHeader(1);
            writer.Write("a");
        }

        writer.Write(1);
        writer.WriteMapHeader(0);
        writer.Flush();
        var exception = Assert.Throws<WireFormatException>(() => s_messagePack.DecodeMessage(buffer.WrittenSpan));
        Assert.Contains("deeper than 64 levels", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WireTestData.AllFormats), MemberType = typeof(WireTestData))]
    public void RandomGarbageOnlyEverThrowsWireFormatException(WireFormat format)
    {
        var codec = WireCodec.For(format);
        var random = new Random(1234);
        var valid = codec.EncodeMessage(WireTestData.EveryKind().Last(m => m.Node is SubNodesNode));
        for (var i = 0; i < 20_000; i++)
        {
            byte[] payload;
            if (i % 2 == 0)
            {
                payload = new byte[random.Next(0, 64)];
                random.NextBytes(payload);
            }
            else
            {
                // Flip a few bytes of a valid message: shapes that are almost right.
                payload = (byte[])valid.Clone();
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    payload[random.Next(payload.Length)] = (byte)random.Next(256);
                }
            }

            try
            {
                codec.DecodeMessage(payload);
            }
            catch (WireFormatException)
            {
            }
        }
    }
}
