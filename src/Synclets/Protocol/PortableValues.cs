namespace Synclets.Protocol;

/// <summary>
/// What every peer can hold exactly. Ids and strings must be well-formed UTF-16 (no lone
/// surrogate): MessagePack and UTF-8 stores cannot carry one, and would turn two distinct ids into
/// the same U+FFFD. Integers sent to JavaScript peers must fit a double exactly.
/// </summary>
internal static class PortableValues
{
    /// <summary>The largest integer JavaScript's <c>Number.isSafeInteger</c> accepts: 2^53 − 1.</summary>
    public const long MaxSafeInteger = (1L << 53) - 1;

    /// <summary>Whether <paramref name="text"/> holds no lone (unpaired) surrogate.</summary>
    public static bool IsWellFormed(string text) => IsWellFormed(text.AsSpan());

    /// <inheritdoc cref="IsWellFormed(string)"/>
    public static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        var at = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (at >= 0)
        {
            if (!char.IsHighSurrogate(text[at]) || at + 1 >= text.Length || !char.IsLowSurrogate(text[at + 1]))
            {
                return false;
            }

            text = text[(at + 2)..];
            at = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        }

        return true;
    }

    /// <summary>Whether <paramref name="value"/> is within ±(2^53 − 1), so JavaScript holds it exactly and calls it safe.</summary>
    public static bool IsSafeInteger(long value) => value is >= -MaxSafeInteger and <= MaxSafeInteger;

    /// <summary>
    /// Whether a double holds <paramref name="value"/> exactly, as a JavaScript peer does. Larger than
    /// safe integers can (2^53 itself, which a JavaScript peer may well write), so this is what a
    /// received atom is held to; local writes meet the stricter <see cref="IsSafeInteger"/>.
    /// </summary>
    public static bool FitsDouble(long value)
    {
        double asDouble = value;
        return asDouble is < 9.2233720368547758E18 and >= -9.2233720368547758E18 && (long)asDouble == value;
    }

    /// <summary>Why <paramref name="atom"/> cannot be written by this synclet; null when it can.</summary>
    /// <param name="atom">The value.</param>
    /// <param name="toJavaScript">Whether the synclet has a JSON transport, so JavaScript peers may receive it.</param>
    public static string? FindLocalProblem(Atom atom, bool toJavaScript) => atom.Kind switch
    {
        AtomKind.String when !IsWellFormed(atom.AsString()) =>
            "The string holds a lone surrogate (half of a UTF-16 pair), which no peer's store or MessagePack can hold exactly.",
        AtomKind.Integer when toJavaScript && !IsSafeInteger(atom.AsInteger()) =>
            $"The integer {atom.AsInteger()} is beyond ±(2^53 − 1): this synclet has a JSON transport, and a JavaScript peer would hold a rounded value. Store it as a string.",
        _ => null,
    };
}
