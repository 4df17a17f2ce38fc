using Synclets.Protocol;
using Synclets.Wire;

namespace Synclets.Tests.Wire;

/// <summary>Messages and helpers shared by the wire tests.</summary>
internal static class WireTestData
{
    public const string Timestamp = "P7LUBBy----c_e0a";

    public static readonly WireFormat[] Formats = [WireFormat.Json, WireFormat.MessagePack];

    public static TheoryData<WireFormat> AllFormats => [WireFormat.Json, WireFormat.MessagePack];

    /// <summary>Ids that have broken text protocols before.</summary>
    public static readonly string[] AwkwardIds =
    [
        string.Empty,
        "x y",
        " ",
        "  leading and trailing  ",
        "quote\"backslash\\slash/",
        "emoji 😀 and 𝄞",
        "line\u2028para\u2029",
        "controls \u0000\u0001\b\f\n\r\t\u001f\u007f",
        "é ü 中文 \uFFFC \uFEFF",
        new string('a', 1000),
        string.Concat(Enumerable.Repeat("😀", 500)),
        "\ud800 lone high",
        "lone low \udc00",
        "reversed \udc00\ud800",
    ];

    public static readonly Atom[] Atoms =
    [
        Atom.Null,
        true,
        false,
        0,
        -1,
        42,
        long.MaxValue,
        long.MinValue,
        1.5,
        -2.5,
        0.1,
        1e21,
        1e-7,
        5e-324,
        double.MaxValue,
        9.3e18, // beyond long: stays a double
        string.Empty,
        "text",
        "x y",
        "\uFFFC in a longer string",
        "😀",
    ];

    public static Message Leaf(MessageNode node, params string[] ids) =>
        new(ids.Length, new Address(ids), node, MessageContext.Empty);

    /// <summary>One message of every node kind, and every atom kind, address and context shape.</summary>
    public static IEnumerable<Message> EveryKind()
    {
        yield return new Message(1, Address.Root, new HashNode(0), MessageContext.Empty);
        yield return new Message(1, Address.Root, new HashNode(uint.MaxValue), MessageContext.Empty);
        yield return new Message(3, new Address("t"), new HashNode(0xDEADBEEF), MessageContext.Empty);
        yield return Leaf(new TimestampNode(Timestamp), "users", "alice");
        yield return Leaf(new TimestampNode(string.Empty), "users", "alice");
        yield return Leaf(new TimestampAndAtomNode(Timestamp, null), "users", "bob");
        foreach (var atom in Atoms)
        {
            yield return Leaf(new TimestampAndAtomNode(Timestamp, atom), "users", "bob");
        }

        foreach (var id in AwkwardIds)
        {
            yield return Leaf(new TimestampAndAtomNode(Timestamp, id), id, id);
            yield return new Message(2, new Address(id), SubNodes(false, (id, new TimestampNode(id))), Context((id, id)));
        }

        yield return new Message(2, Address.Root, SubNodes(false), MessageContext.Empty);
        yield return new Message(2, Address.Root, SubNodes(true), MessageContext.Empty);
        yield return new Message(
            3,
            new Address("t"),
            SubNodes(
                true,
                ("r1", SubNodes(false, ("c1", new TimestampAndAtomNode(Timestamp, 1.5)), ("c2", new TimestampAndAtomNode(Timestamp, null)))),
                ("r2", new HashNode(12345)),
                ("r3", SubNodes(true, ("c1", new TimestampNode(Timestamp)))),
                ("r4", SubNodes(false))),
            Context(("user", "u1"), ("n", 3), ("pi", 3.25), ("ok", true), ("none", Atom.Null)));
        yield return new Message(3, Address.Root, new HashNode(7), MessageContext.Empty) { Version = 2, Type = 5 };
        yield return new Message(-1, Address.Root, new HashNode(7), MessageContext.Empty) { Version = -3, Type = int.MaxValue };
    }

    public static SubNodesNode SubNodes(bool partial, params (string Id, MessageNode Node)[] children)
    {
        var dictionary = new Dictionary<string, MessageNode>();
        foreach (var (id, node) in children)
        {
            dictionary[id] = node;
        }

        return new SubNodesNode(dictionary, partial);
    }

    public static IReadOnlyDictionary<string, Atom> Context(params (string Key, Atom Value)[] entries)
    {
        var dictionary = new Dictionary<string, Atom>();
        foreach (var (key, value) in entries)
        {
            dictionary[key] = value;
        }

        return dictionary;
    }

    /// <summary>
    /// An initial-sync-like message: depth 3, 10 tables × <paramref name="rows"/> rows × 10 columns of
    /// <c>[timestamp, "v12345"]</c>, with real-looking HLCs from two clients at increasing times.
    /// </summary>
    public static Message InitialSync(int tables = 10, int rows = 1000, int columns = 10)
    {
        var time = 1767225600000L;
        var counter = 0;
        var value = 0;
        var tableNodes = new Dictionary<string, MessageNode>();
        for (var t = 0; t < tables; t++)
        {
            var rowNodes = new Dictionary<string, MessageNode>();
            for (var r = 0; r < rows; r++)
            {
                var cells = new Dictionary<string, MessageNode>();
                for (var c = 0; c < columns; c++)
                {
                    // A few writes per millisecond, alternating between two clients.
                    if (++counter == 4)
                    {
                        counter = 0;
                        time += 1 + (value % 3);
                    }

                    var client = value % 7 < 5 ? "BT7zq" : "AT7tY";
                    cells["c" + c] = new TimestampAndAtomNode(Hlc(time, counter, client), "v" + value++);
                }

                rowNodes["r" + r] = new SubNodesNode(cells);
            }

            tableNodes["t" + t] = new SubNodesNode(rowNodes);
        }

        return new Message(3, Address.Root, new SubNodesNode(tableNodes), MessageContext.Empty);
    }

    /// <summary>An HLC string: 7 characters of time, 4 of counter, then the client id.</summary>
    public static string Hlc(long logicalTime, int counter, string clientId)
    {
        const string alphabet = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
        var chars = new char[11];
        for (var i = 6; i >= 0; i--)
        {
            chars[i] = alphabet[(int)(logicalTime & 63)];
            logicalTime >>= 6;
        }

        for (var i = 10; i >= 7; i--)
        {
            chars[i] = alphabet[counter & 63];
            counter >>= 6;
        }

        return new string(chars) + clientId;
    }

    /// <summary>Reassembles packets (already parsed) in the given order; asserts every fragment is accepted.</summary>
    public static byte[] Reassemble(WireCodec codec, IEnumerable<byte[]> packets)
    {
        var assembler = new PacketAssembler(new Transports.TransportOptions(), TimeProvider.System);
        byte[]? payload = null;
        foreach (var bytes in packets)
        {
            Assert.True(codec.TryParsePacket(bytes, out var packet));
            var result = assembler.Add(packet);
            Assert.NotEqual(AssemblyStatus.Dropped, result.Status);
            if (result.Status == AssemblyStatus.Completed)
            {
                Assert.Null(payload);
                payload = result.Payload.ToArray();
            }
        }

        Assert.NotNull(payload);
        Assert.Equal(0, assembler.PendingMessageCount);
        return payload;
    }
}
