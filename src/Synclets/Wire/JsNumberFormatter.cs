using System.Globalization;

namespace Synclets.Wire;

/// <summary>
/// Formats a double exactly as JavaScript's <c>Number.prototype.toString()</c> does, so the JSON text
/// matches the TypeScript peers' <c>JSON.stringify</c> byte for byte.
/// </summary>
internal static class JsNumberFormatter
{
    /// <summary>Enough for the longest output, e.g. <c>-0.0000012345678901234567</c>.</summary>
    public const int MaxLength = 32;

    /// <summary>Writes <paramref name="value"/> (finite) as ASCII; returns the number of bytes written.</summary>
    public static int Format(double value, Span<byte> destination)
    {
        // .NET's "R" gives the same shortest round-trip digits as JavaScript; only the layout differs,
        // so take the digits and the decimal exponent from it and lay them out the JavaScript way.
        Span<char> text = stackalloc char[MaxLength];
        value.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture);
        text = text[..length];

        Span<byte> digits = stackalloc byte[MaxLength];
        var digitCount = 0;
        var pointAt = -1;
        var exponent = 0;
        var negative = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '-')
            {
                negative = true;
            }
            else if (c == '.')
            {
                pointAt = digitCount;
            }
            else if (c is 'E' or 'e')
            {
                exponent = int.Parse(text[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }
            else
            {
                digits[digitCount++] = (byte)c;
            }
        }

        // n is JavaScript's exponent: value = 0.d1d2…dk × 10^n.
        var n = (pointAt < 0 ? digitCount : pointAt) + exponent;
        var first = 0;
        while (first < digitCount && digits[first] == '0')
        {
            first++;
            n--;
        }

        while (digitCount > first && digits[digitCount - 1] == '0')
        {
            digitCount--;
        }

        var significant = digits[first..digitCount];
        if (significant.IsEmpty)
        {
            destination[0] = (byte)'0'; // -0 prints as 0 too
            return 1;
        }

        var written = 0;
        if (negative)
        {
            destination[written++] = (byte)'-';
        }

        var k = significant.Length;
        if (k <= n && n <= 21)
        {
            significant.CopyTo(destination[written..]);
            written += k;
            destination.Slice(written, n - k).Fill((byte)'0');
            written += n - k;
        }
        else if (0 < n && n <= 21)
        {
            significant[..n].CopyTo(destination[written..]);
            written += n;
            destination[written++] = (byte)'.';
            significant[n..].CopyTo(destination[written..]);
            written += k - n;
        }
        else if (-6 < n && n <= 0)
        {
            destination[written++] = (byte)'0';
            destination[written++] = (byte)'.';
            destination.Slice(written, -n).Fill((byte)'0');
            written += -n;
            significant.CopyTo(destination[written..]);
            written += k;
        }
        else
        {
            destination[written++] = significant[0];
            if (k > 1)
            {
                destination[written++] = (byte)'.';
                significant[1..].CopyTo(destination[written..]);
                written += k - 1;
            }

            var e = n - 1;
            destination[written++] = (byte)'e';
            destination[written++] = e < 0 ? (byte)'-' : (byte)'+';
            Math.Abs(e).TryFormat(destination[written..], out var exponentLength, default, CultureInfo.InvariantCulture);
            written += exponentLength;
        }

        return written;
    }
}
