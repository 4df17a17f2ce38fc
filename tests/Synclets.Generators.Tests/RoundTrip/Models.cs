using Synclets.Typed;

// Built by the real generator in this project's build (it references the generator as an
// analyzer), under warnings as errors and the AOT analyzers.
namespace Synclets.Generators.Tests.RoundTrip;

/// <summary>A color.</summary>
public enum Color
{
    /// <summary>Red.</summary>
    Red,

    /// <summary>Green.</summary>
    Green,

    /// <summary>An alias of Green.</summary>
    Verdant = Green,

    /// <summary>Blue.</summary>
    Blue = 7,
}

/// <summary>One column of every supported type, and its nullable.</summary>
[Synclet]
public partial record EveryType([property: SyncletKey] int Id)
{
    /// <summary>Doc.</summary>
    public string Text { get; init; } = "";

    /// <summary>Doc.</summary>
    public string? NullableText { get; init; }

    /// <summary>Doc.</summary>
    public bool Boolean { get; init; }

    /// <summary>Doc.</summary>
    public bool? NullableBoolean { get; init; }

    /// <summary>Doc.</summary>
    public byte Byte { get; init; }

    /// <summary>Doc.</summary>
    public byte? NullableByte { get; init; }

    /// <summary>Doc.</summary>
    public sbyte SByte { get; init; }

    /// <summary>Doc.</summary>
    public sbyte? NullableSByte { get; init; }

    /// <summary>Doc.</summary>
    public short Int16 { get; init; }

    /// <summary>Doc.</summary>
    public short? NullableInt16 { get; init; }

    /// <summary>Doc.</summary>
    public ushort UInt16 { get; init; }

    /// <summary>Doc.</summary>
    public ushort? NullableUInt16 { get; init; }

    /// <summary>Doc.</summary>
    public int Int32 { get; init; }

    /// <summary>Doc.</summary>
    public int? NullableInt32 { get; init; }

    /// <summary>Doc.</summary>
    public uint UInt32 { get; init; }

    /// <summary>Doc.</summary>
    public uint? NullableUInt32 { get; init; }

    /// <summary>Doc.</summary>
    public long Int64 { get; init; }

    /// <summary>Doc.</summary>
    public long? NullableInt64 { get; init; }

    /// <summary>Doc.</summary>
    public ulong UInt64 { get; init; }

    /// <summary>Doc.</summary>
    public ulong? NullableUInt64 { get; init; }

    /// <summary>Doc.</summary>
    public float Single { get; init; }

    /// <summary>Doc.</summary>
    public float? NullableSingle { get; init; }

    /// <summary>Doc.</summary>
    public double Double { get; init; }

    /// <summary>Doc.</summary>
    public double? NullableDouble { get; init; }

    /// <summary>Doc.</summary>
    public decimal Decimal { get; init; }

    /// <summary>Doc.</summary>
    public decimal? NullableDecimal { get; init; }

    /// <summary>Doc.</summary>
    public Guid Guid { get; init; }

    /// <summary>Doc.</summary>
    public Guid? NullableGuid { get; init; }

    /// <summary>Doc.</summary>
    public DateTime DateTime { get; init; }

    /// <summary>Doc.</summary>
    public DateTime? NullableDateTime { get; init; }

    /// <summary>Doc.</summary>
    public DateTimeOffset DateTimeOffset { get; init; }

    /// <summary>Doc.</summary>
    public DateTimeOffset? NullableDateTimeOffset { get; init; }

    /// <summary>Doc.</summary>
    public TimeSpan TimeSpan { get; init; }

    /// <summary>Doc.</summary>
    public TimeSpan? NullableTimeSpan { get; init; }

    /// <summary>Doc.</summary>
    public Color Enum { get; init; }

    /// <summary>Doc.</summary>
    public Color? NullableEnum { get; init; }
}

/// <summary>Keys of the kinds that need parsing, for the id checks.</summary>
[Synclet(Depth = 4)]
public partial record Keyed(
    [property: SyncletKey] Color Color,
    [property: SyncletKey] ulong Big,
    [property: SyncletKey] Guid Token,
    [property: SyncletColumn("label")] string Name);

/// <summary>Constructor defaults, which a row without the column's atom reads instead of the type's default.</summary>
/// <param name="Id">Doc.</param>
/// <param name="Title">Doc.</param>
/// <param name="Count">Doc.</param>
/// <param name="Offset">Doc.</param>
/// <param name="Ratio">Doc.</param>
/// <param name="Price">Doc.</param>
/// <param name="Shade">Doc.</param>
/// <param name="Pinned">Doc.</param>
[Synclet]
public partial record Defaulted(
    [property: SyncletKey] string Id,
    string Title = "untitled \"draft\"",
    int Count = 3,
    long Offset = -2,
    double Ratio = 0.5,
    decimal Price = 1.25m,
    Color Shade = Color.Blue,
    bool Pinned = true);
