using System.Text;

namespace Synclets.Hashing;

/// <summary>
/// The 32-bit FNV-1a hash over UTF-8 bytes, as the TypeScript Synclets compute it: a leaf's hash
/// is the hash of its timestamp, a parent's hash is the XOR of its children's.
/// </summary>
public static class Fnv1a
{
    private const uint OffsetBasis = 0x811c9dc5;
    private const uint Prime = 16777619;

    /// <summary>Hashes the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static uint Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = OffsetBasis;
        var isAscii = Ascii.IsValid(text);
        if (isAscii)
        {
            // Timestamps are ASCII: hash the chars directly and skip the UTF-8 transcoding.
            foreach (var c in text)
            {
                hash = (hash ^ c) * Prime;
            }

            return hash;
        }

        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }

    /// <summary>
    /// The hash a leaf contributes to its ancestors: the hash of its timestamp, or 0 when it has
    /// never been written (so an empty tree hashes to 0).
    /// </summary>
    public static uint HashTimestamp(string timestamp) => timestamp.Length == 0 ? 0 : Hash(timestamp);
}
