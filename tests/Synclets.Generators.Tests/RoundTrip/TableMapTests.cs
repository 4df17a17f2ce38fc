using Synclets.Typed;

namespace Synclets.Generators.Tests.RoundTrip;

/// <summary>The generated table maps convert rows to atoms and back, and check atoms and ids fully.</summary>
public class TableMapTests
{
    private static readonly EveryTypeTableMap Map = EveryTypeTableMap.Instance;

    [Theory]
    [MemberData(nameof(EveryTypeCases.Names), MemberType = typeof(EveryTypeCases))]
    public void Every_type_round_trips_through_atoms(string name)
    {
        var row = EveryTypeCases.All[name];
        var keyIds = Map.GetKeyIds(row);
        var cells = Map.ValueColumns.Zip(Map.GetCells(row)).ToDictionary(pair => pair.First.Name, pair => pair.Second);

        Assert.All(cells, cell => Assert.True(Map.AcceptsValue(cell.Key, cell.Value), $"{cell.Key} refuses its own atom {cell.Value}."));
        Assert.All(cells, cell => Assert.True(Map.ValueColumns.Single(column => column.Name == cell.Key).Accepts(cell.Value)));
        var read = Map.ReadRow(keyIds, cells);
        Assert.Equal(row, read);
        Assert.Equal(row.DateTime.ToString("O"), read!.DateTime.ToString("O"));
    }

    [Fact]
    public void Missing_and_invalid_atoms_read_as_defaults()
    {
        var cells = new Dictionary<string, Atom> { ["Byte"] = 300, ["Text"] = 5, ["NullableInt32"] = "x" };
        Assert.Equal(new EveryType(1), Map.ReadRow(["1"], cells));
    }

    [Fact]
    public void Missing_atoms_read_as_the_constructors_defaults_and_those_columns_say_so()
    {
        var map = DefaultedTableMap.Instance;

        Assert.Equal(new Defaulted("d1"), map.ReadRow(["d1"], new Dictionary<string, Atom>()));
        Assert.Equal("untitled \"draft\"", map.ReadRow(["d1"], new Dictionary<string, Atom>())!.Title);
        Assert.Equal(new Defaulted("d1", Count: 9), map.ReadRow(["d1"], new Dictionary<string, Atom> { ["Count"] = 9 }));
        Assert.All(map.ValueColumns, column => Assert.True(column.HasDefault, column.Name));
        Assert.DoesNotContain(EveryTypeTableMap.Instance.ValueColumns, column => column.HasDefault);
    }

    [Theory]
    [InlineData("Byte", 256L)]
    [InlineData("SByte", -129L)]
    [InlineData("UInt16", -1L)]
    [InlineData("Int32", 2147483648L)]
    [InlineData("UInt32", -1L)]
    public void Integers_out_of_range_are_refused(string column, long value) =>
        Assert.False(Map.AcceptsValue(column, value));

    [Theory]
    [InlineData("Text", null)]
    [InlineData("Boolean", "true")]
    [InlineData("Int64", 1.5)]
    [InlineData("Single", 1e300)]
    [InlineData("UInt64", "1.5")]
    [InlineData("UInt64", "-1")]
    [InlineData("Decimal", "one")]
    [InlineData("Guid", "not a guid")]
    [InlineData("DateTime", "yesterday")]
    [InlineData("DateTimeOffset", 5L)]
    [InlineData("TimeSpan", "5 minutes")]
    [InlineData("Enum", "Purple")]
    [InlineData("Enum", 1L)]
    [InlineData("Unknown", "x")]
    public void Values_of_the_wrong_kind_or_form_are_refused(string column, object? value) =>
        Assert.False(Map.AcceptsValue(column, ToAtom(value)));

    [Theory]
    [InlineData("NullableText")]
    [InlineData("NullableEnum")]
    [InlineData("NullableUInt64")]
    public void Nullable_columns_accept_null(string column) => Assert.True(Map.AcceptsValue(column, Atom.Null));

    [Theory]
    [InlineData(0, "Blue", true)]
    [InlineData(0, "Verdant", false)]
    [InlineData(0, "7", false)]
    [InlineData(1, "18446744073709551615", true)]
    [InlineData(1, "007", false)]
    [InlineData(1, "-1", false)]
    [InlineData(2, "0f8fad5b-d9cb-469f-a165-70867728950e", true)]
    [InlineData(2, "0F8FAD5B-D9CB-469F-A165-70867728950E", false)]
    [InlineData(2, "{0f8fad5b-d9cb-469f-a165-70867728950e}", false)]
    [InlineData(3, "x", false)]
    public void Only_canonical_ids_are_keys(int keyIndex, string id, bool accepted) =>
        Assert.Equal(accepted, KeyedTableMap.Instance.AcceptsKey(keyIndex, id));

    [Fact]
    public void Rows_with_unreadable_keys_are_not_read() =>
        Assert.Null(KeyedTableMap.Instance.ReadRow(["Blue", "007", Guid.Empty.ToString()], new Dictionary<string, Atom> { ["label"] = "x" }));

    [Fact]
    public void The_map_describes_the_table()
    {
        var map = KeyedTableMap.Instance;
        Assert.Equal("Keyed", map.TableName);
        Assert.Equal(["Color", "Big", "Token"], map.KeyColumns.Select(column => column.Name));
        Assert.Equal([new SyncletColumn("label", SyncletColumnType.Text, false)], map.ValueColumns);
        Assert.Equal(SyncletColumnType.Decimal, map.KeyColumns[1].Type);
        Assert.Equal(4, KeyedTableMap.Schema.Depth);
        Assert.Matches("^[0-9a-f]{8}$", map.Fingerprint);
        Assert.NotEqual(map.Fingerprint, Map.Fingerprint);
    }

    private static Atom ToAtom(object? value) => value switch
    {
        null => Atom.Null,
        string text => text,
        long number => number,
        double number => number,
        _ => throw new ArgumentException("unsupported test value", nameof(value)),
    };
}
