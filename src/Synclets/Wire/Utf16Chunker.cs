using System.Text;

namespace Synclets.Wire;

/// <summary>
/// Cuts UTF-8 text into chunks measured in UTF-16 code units, as the TypeScript peers measure
/// fragments, without decoding it.
/// </summary>
internal static class Utf16Chunker
{
    /// <summary>
    /// The end (exclusive byte offset) of the chunk of at most <paramref name="maxUnits"/> UTF-16 code
    /// units starting at <paramref name="start"/>. A chunk never splits a character: a surrogate pair
    /// that does not fit ends the chunk one unit early, unless the chunk would be empty (then the pair
    /// travels whole, so every chunk makes progress). The text must be valid UTF-8.
    /// </summary>
    public static int ChunkEnd(ReadOnlySpan<byte> text, int start, int maxUnits)
    {
        var rest = text[start..];
        var candidate = Math.Min(maxUnits, rest.Length);
        if (Ascii.IsValid(rest[..candidate]))
        {
            return start + candidate; // one byte per unit: the common case
        }

        var at = 0;
        var units = 0;
        while (at < rest.Length)
        {
            var lead = rest[at];
            var (bytes, width) = lead switch
            {
                < 0x80 => (1, 1),
                < 0xE0 => (2, 1),
                < 0xF0 => (3, 1),
                _ => (4, 2), // outside the BMP: a surrogate pair in UTF-16
            };

            if (units + width > maxUnits && units > 0)
            {
                break;
            }

            at += bytes;
            units += width;
            if (units >= maxUnits)
            {
                break;
            }
        }

        return start + Math.Min(at, rest.Length);
    }
}
