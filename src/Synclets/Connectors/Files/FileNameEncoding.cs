using System.Text;

namespace Synclets.Connectors.Files;

/// <summary>
/// Turns any id into names that are safe for a file system, the way the TypeScript Synclets'
/// directory connectors do where they can: UTF-8 percent-encoding of everything but letters,
/// digits and <c>-_!'()</c> (so <c>.</c>, <c>..</c>, <c>/</c>, <c>\</c>, NUL and control
/// characters never reach the file system as themselves), which their decoder reads back. Beyond
/// theirs: the empty id is <c>%</c>; on a file system that ignores case, capital letters are
/// encoded too, so ids that differ by case stay apart; on Windows, device names (<c>CON</c>,
/// <c>NUL</c>, <c>COM1</c>…) have their first letter encoded; and an encoded id longer than a file
/// name may be is cut into segments, each but the last a folder named <c>%+…</c>.
/// </summary>
internal sealed class FileNameEncoding(bool encodeCapitals, bool avoidDeviceNames)
{
    /// <summary>The longest segment written, in bytes (file systems allow 255).</summary>
    public const int MaxSegmentBytes = 200;

    /// <summary>What starts the name of a folder that holds the rest of a long id.</summary>
    public const string ContinuationPrefix = "%+";

    private static readonly HashSet<string> DeviceNames = new(
        ["CON", "PRN", "AUX", "NUL", .. Enumerable.Range(0, 10).SelectMany(i => new[] { $"COM{i}", $"LPT{i}" })],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>The encoding for the file system at <paramref name="root"/> (probed for case) and this operating system.</summary>
    public static FileNameEncoding For(string root)
    {
        var probe = $".synclets-case-{Guid.NewGuid():N}";
        File.WriteAllBytes(Path.Combine(root, probe), []);
        try
        {
            var ignoresCase = File.Exists(Path.Combine(root, probe.ToUpperInvariant()));
            return new FileNameEncoding(encodeCapitals: ignoresCase, avoidDeviceNames: OperatingSystem.IsWindows());
        }
        finally
        {
            File.Delete(Path.Combine(root, probe));
        }
    }

    /// <summary>The names one id is stored under: one segment, or several for a long id (folders, then the last).</summary>
    public IReadOnlyList<string> Encode(string id)
    {
        if (id.Length == 0)
        {
            return ["%"];
        }

        var name = new StringBuilder(id.Length);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            if (IsKept(c))
            {
                name.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < id.Length
                ? Encoding.UTF8.GetBytes(id.AsSpan(i++, 2), bytes)
                : Encoding.UTF8.GetBytes(id.AsSpan(i, 1), bytes);
            foreach (var b in bytes[..length])
            {
                name.Append('%').Append(((int)b).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (avoidDeviceNames && DeviceNames.Contains(name.ToString()))
        {
            name.Remove(0, 1).Insert(0, $"%{(int)id[0]:X2}");
        }

        return Split(name.ToString());
    }

    /// <summary>
    /// The ids stored in <paramref name="folder"/>, each with the file or folder that holds it, in no
    /// particular order: the folders that continue a long id are followed; names beginning with a
    /// dot (temporary files, probes) are never an encoded id and are passed over.
    /// </summary>
    public static List<(string Id, string Path)> IdsIn(string folder)
    {
        var entries = new List<(string Id, string Path)>();
        Collect(folder, [], entries);
        return entries;
    }

    private static void Collect(string folder, List<string> chain, List<(string Id, string Path)> entries)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith('.'))
            {
                continue;
            }

            chain.Add(name);
            if (name.StartsWith(ContinuationPrefix, StringComparison.Ordinal) && Directory.Exists(entry))
            {
                Collect(entry, chain, entries);
            }
            else
            {
                entries.Add((Decode(chain), entry));
            }

            chain.RemoveAt(chain.Count - 1);
        }
    }

    /// <summary>The id a segment chain stands for.</summary>
    public static string Decode(IEnumerable<string> segments)
    {
        var name = string.Concat(segments.Select(segment => segment.StartsWith(ContinuationPrefix, StringComparison.Ordinal) ? segment[ContinuationPrefix.Length..] : segment));
        return name == "%" ? string.Empty : Uri.UnescapeDataString(name);
    }

    private bool IsKept(char c) =>
        c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '!' or '\'' or '(' or ')'
        || (c is >= 'A' and <= 'Z' && !encodeCapitals);

    /// <summary>Cuts a long name at segment boundaries that never split a <c>%XX</c> escape.</summary>
    private static IReadOnlyList<string> Split(string name)
    {
        if (name.Length <= MaxSegmentBytes)
        {
            return [name];
        }

        var segments = new List<string>();
        var at = 0;
        while (name.Length - at > MaxSegmentBytes)
        {
            var cut = at + MaxSegmentBytes - ContinuationPrefix.Length;
            while (name[cut - 1] == '%' || (cut >= 2 && name[cut - 2] == '%'))
            {
                cut--;
            }

            segments.Add(ContinuationPrefix + name[at..cut]);
            at = cut;
        }

        segments.Add(name[at..]);
        return segments;
    }
}
