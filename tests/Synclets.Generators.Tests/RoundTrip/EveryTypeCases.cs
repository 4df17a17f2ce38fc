namespace Synclets.Generators.Tests.RoundTrip;

/// <summary>Rows that each push one type to an edge; every case must survive every round trip unchanged.</summary>
internal static class EveryTypeCases
{
    public static readonly IReadOnlyDictionary<string, EveryType> All = new Dictionary<string, EveryType>
    {
        ["defaults"] = new(1),
        ["text"] = new(2) { Text = "héllo \"wörld\" 😀", NullableText = "" },
        ["boolean"] = new(3) { Boolean = true, NullableBoolean = false },
        ["byte"] = new(4) { Byte = byte.MaxValue, NullableByte = byte.MinValue },
        ["sbyte"] = new(5) { SByte = sbyte.MinValue, NullableSByte = sbyte.MaxValue },
        ["int16"] = new(6) { Int16 = short.MinValue, NullableInt16 = short.MaxValue },
        ["uint16"] = new(7) { UInt16 = ushort.MaxValue, NullableUInt16 = 0 },
        ["int32"] = new(8) { Int32 = int.MinValue, NullableInt32 = int.MaxValue },
        ["uint32"] = new(9) { UInt32 = uint.MaxValue, NullableUInt32 = 1 },
        ["int64"] = new(10) { Int64 = long.MinValue, NullableInt64 = long.MaxValue },
        ["uint64"] = new(11) { UInt64 = ulong.MaxValue, NullableUInt64 = 0 },
        ["single"] = new(12) { Single = float.MaxValue, NullableSingle = -1.5f },
        ["double"] = new(13) { Double = double.Epsilon, NullableDouble = -123456.789 },
        ["decimal"] = new(14) { Decimal = decimal.MaxValue, NullableDecimal = 1.50m },
        ["guid"] = new(15) { Guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), NullableGuid = Guid.Empty },
        ["datetime"] = new(16) { DateTime = new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(1234567), NullableDateTime = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Local) },
        ["datetime-unspecified"] = new(17) { DateTime = DateTime.MaxValue, NullableDateTime = DateTime.MinValue },
        ["datetimeoffset"] = new(18) { DateTimeOffset = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(-5.5)).AddTicks(1), NullableDateTimeOffset = DateTimeOffset.MinValue },
        ["timespan"] = new(19) { TimeSpan = TimeSpan.MinValue, NullableTimeSpan = TimeSpan.FromTicks(1) },
        ["enum"] = new(20) { Enum = Color.Blue, NullableEnum = Color.Verdant },
        ["negative key"] = new(-21),
    };

    public static TheoryData<string> Names => [.. All.Keys];
}
