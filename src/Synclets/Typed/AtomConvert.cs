using System.Globalization;

namespace Synclets.Typed;

/// <summary>
/// Converts .NET values to atoms and back without reflection; generated typed synclets call these.
/// Reading never throws: a <c>TryTo…</c> method returns false for an atom of the wrong kind or form.
/// </summary>
public static class AtomConvert
{
    private const string DurationFormat = "c";
    private const string DateFormat = "O";

    /// <summary>An integer atom.</summary>
    public static Atom FromInteger(long value) => Atom.FromInteger(value);

    /// <summary>A number atom; NaN and infinities cannot be synced and throw <see cref="ArgumentException"/>.</summary>
    public static Atom FromReal(double value) => Atom.FromDouble(value);

    /// <summary>An exact decimal as an invariant string atom.</summary>
    public static Atom FromDecimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A <see cref="ulong"/> as an exact invariant string atom (it may not fit an integer atom).</summary>
    public static Atom FromUInt64(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A <see cref="Guid"/> as a string atom (<c>D</c> format).</summary>
    public static Atom FromGuid(Guid value) => value.ToString("D");

    /// <summary>A <see cref="DateTime"/> as a round-trip ISO 8601 string atom.</summary>
    public static Atom FromDateTime(DateTime value) => value.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>A <see cref="DateTimeOffset"/> as a round-trip ISO 8601 string atom.</summary>
    public static Atom FromDateTimeOffset(DateTimeOffset value) => value.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>A <see cref="TimeSpan"/> as an invariant string atom (constant format, e.g. <c>1.02:03:04.5000000</c>).</summary>
    public static Atom FromDuration(TimeSpan value) => value.ToString(DurationFormat, CultureInfo.InvariantCulture);

    /// <summary>Reads a string atom.</summary>
    public static bool TryToString(Atom atom, out string value)
    {
        value = atom.Kind == AtomKind.String ? atom.AsString() : string.Empty;
        return atom.Kind == AtomKind.String;
    }

    /// <summary>Reads a boolean atom.</summary>
    public static bool TryToBoolean(Atom atom, out bool value)
    {
        value = atom.Kind == AtomKind.Boolean && atom.AsBoolean();
        return atom.Kind == AtomKind.Boolean;
    }

    /// <summary>Reads an integer atom within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static bool TryToInteger(Atom atom, long min, long max, out long value)
    {
        value = atom.Kind == AtomKind.Integer ? atom.AsInteger() : 0;
        return atom.Kind == AtomKind.Integer && value >= min && value <= max;
    }

    /// <summary>Reads a number atom (integer or double).</summary>
    public static bool TryToReal(Atom atom, out double value)
    {
        value = atom.IsNumber ? atom.AsDouble() : 0;
        return atom.IsNumber;
    }

    /// <summary>Reads an exact decimal from an invariant string atom.</summary>
    public static bool TryToDecimal(Atom atom, out decimal value)
    {
        value = 0;
        return atom.Kind == AtomKind.String
            && decimal.TryParse(atom.AsString(), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads a <see cref="ulong"/> from an invariant string atom.</summary>
    public static bool TryToUInt64(Atom atom, out ulong value)
    {
        value = 0;
        return atom.Kind == AtomKind.String && ulong.TryParse(atom.AsString(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads a <see cref="Guid"/> from a string atom.</summary>
    public static bool TryToGuid(Atom atom, out Guid value)
    {
        value = Guid.Empty;
        return atom.Kind == AtomKind.String && Guid.TryParse(atom.AsString(), out value);
    }

    /// <summary>Reads a <see cref="DateTime"/> from a round-trip ISO 8601 string atom.</summary>
    public static bool TryToDateTime(Atom atom, out DateTime value)
    {
        value = default;
        return atom.Kind == AtomKind.String
            && DateTime.TryParse(atom.AsString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
    }

    /// <summary>Reads a <see cref="DateTimeOffset"/> from a round-trip ISO 8601 string atom.</summary>
    public static bool TryToDateTimeOffset(Atom atom, out DateTimeOffset value)
    {
        value = default;
        return atom.Kind == AtomKind.String
            && DateTimeOffset.TryParse(atom.AsString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
    }

    /// <summary>Reads a <see cref="TimeSpan"/> from an invariant string atom.</summary>
    public static bool TryToDuration(Atom atom, out TimeSpan value)
    {
        value = default;
        return atom.Kind == AtomKind.String && TimeSpan.TryParseExact(atom.AsString(), DurationFormat, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>An integer key as an id.</summary>
    public static string IntegerToId(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A <see cref="ulong"/> key as an id.</summary>
    public static string UInt64ToId(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A <see cref="Guid"/> key as an id.</summary>
    public static string GuidToId(Guid value) => value.ToString("D");

    /// <summary>Reads an integer key from an id.</summary>
    public static bool TryIdToInteger(string id, long min, long max, out long value) =>
        long.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    /// <summary>Reads a <see cref="ulong"/> key from an id.</summary>
    public static bool TryIdToUInt64(string id, out ulong value) =>
        ulong.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>Reads a <see cref="Guid"/> key from an id.</summary>
    public static bool TryIdToGuid(string id, out Guid value) => Guid.TryParse(id, out value);

    /// <summary>Whether a string atom has the form a column of <paramref name="type"/> needs (enum names are checked by the generated map).</summary>
    public static bool IsValidText(SyncletColumnType type, string text) => type switch
    {
        SyncletColumnType.Text or SyncletColumnType.Enum => true,
        SyncletColumnType.Decimal => decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _)
            || ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _),
        SyncletColumnType.Uuid => Guid.TryParse(text, out _),
        SyncletColumnType.DateTime => DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _),
        SyncletColumnType.DateTimeOffset => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _),
        SyncletColumnType.Duration => TimeSpan.TryParseExact(text, DurationFormat, CultureInfo.InvariantCulture, out _),
        _ => false,
    };
}
