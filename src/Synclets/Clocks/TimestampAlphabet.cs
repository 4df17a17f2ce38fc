namespace Synclets.Clocks;

/// <summary>
/// The 64 characters that encode 6-bit values in timestamps and ids. Character i encodes the value
/// i, and the characters are in ordinal order, so comparing encoded strings compares the values.
/// </summary>
public static class TimestampAlphabet
{
    /// <summary>The alphabet, value 0 first.</summary>
    public const string Characters = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    private static readonly sbyte[] Values = BuildValues();

    /// <summary>Writes <paramref name="value"/> as <paramref name="destination"/>.Length characters, most significant first.</summary>
    public static void Encode(long value, Span<char> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = Characters[(int)(value & 63)];
            value >>= 6;
        }
    }

    /// <summary>Reads characters written by <see cref="Encode"/>; false if one is not in the alphabet.</summary>
    public static bool TryDecode(ReadOnlySpan<char> source, out long value)
    {
        value = 0;
        foreach (var c in source)
        {
            var digit = c < 128 ? Values[c] : -1;
            if (digit < 0)
            {
                return false;
            }

            value = (value << 6) | (uint)digit;
        }

        return true;
    }

    private static sbyte[] BuildValues()
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (var i = 0; i < Characters.Length; i++)
        {
            values[Characters[i]] = (sbyte)i;
        }

        return values;
    }
}
