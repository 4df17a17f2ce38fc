using System.Buffers;
using MessagePack;
using MessagePack.Resolvers;
using Synclets.Generated;

namespace Synclets.Generators.Tests.RoundTrip;

/// <summary>The generated formatters, as built by the real generator, round-trip every supported type.</summary>
public class MessagePackRoundTripTests
{
    private static readonly MessagePackSerializerOptions Options =
        MessagePackSerializerOptions.Standard.WithResolver(CompositeResolver.Create(SyncletFormatterResolver.Instance, StandardResolver.Instance));

    [Theory]
    [MemberData(nameof(EveryTypeCases.Names), MemberType = typeof(EveryTypeCases))]
    public void Every_type_round_trips(string name)
    {
        var row = EveryTypeCases.All[name];
        var bytes = MessagePackSerializer.Serialize(row, Options);
        var read = MessagePackSerializer.Deserialize<EveryType>(bytes, Options);

        Assert.Equal(row, read);
        // DateTime equality ignores Kind; the round-trip text does not.
        Assert.Equal(row.DateTime.ToString("O"), read.DateTime.ToString("O"));
        Assert.Equal(row.NullableDateTime?.ToString("O"), read.NullableDateTime?.ToString("O"));
        Assert.Equal(row.DateTimeOffset.Offset, read.DateTimeOffset.Offset);
    }

    [Fact]
    public void A_row_is_a_map_of_column_names()
    {
        var json = MessagePackSerializer.ConvertToJson(MessagePackSerializer.Serialize(new Keyed(Color.Blue, 5, Guid.Empty, "x"), Options));
        Assert.Equal("""{"Color":"Blue","Big":5,"Token":"00000000-0000-0000-0000-000000000000","label":"x"}""", json);
    }

    [Fact]
    public void Unknown_keys_are_skipped_and_missing_ones_read_as_defaults()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(3);
        writer.Write("Id");
        writer.Write(9);
        writer.Write("Added later");
        writer.WriteArrayHeader(2);
        writer.Write(1);
        writer.Write("two");
        writer.Write("Int32");
        writer.Write(42);
        writer.Flush();

        var read = MessagePackSerializer.Deserialize<EveryType>(buffer.WrittenMemory, Options);

        Assert.Equal(new EveryType(9) { Int32 = 42 }, read);
    }

    [Fact]
    public void Null_rows_round_trip_as_nil() =>
        Assert.Null(MessagePackSerializer.Deserialize<EveryType?>(MessagePackSerializer.Serialize<EveryType?>(null, Options), Options));

    [Fact]
    public void An_unknown_enum_name_is_a_serialization_error()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(1);
        writer.Write("Enum");
        writer.Write("Purple");
        writer.Flush();

        var error = Assert.Throws<MessagePackSerializationException>(() => MessagePackSerializer.Deserialize<EveryType>(buffer.WrittenMemory, Options));
        Assert.Contains("'Purple' is not a member of Synclets.Generators.Tests.RoundTrip.Color.", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_resolver_knows_only_generated_records()
    {
        Assert.Same(EveryTypeMessagePackFormatter.Instance, SyncletFormatterResolver.Instance.GetFormatter<EveryType>());
        Assert.Same(KeyedMessagePackFormatter.Instance, SyncletFormatterResolver.Instance.GetFormatter<Keyed>());
        Assert.Null(SyncletFormatterResolver.Instance.GetFormatter<string>());
    }
}
