using Synclets.Hashing;

namespace Synclets.Connectors.Files;

/// <summary>
/// The hash of every parent, derived from the timestamps below it: what a store that keeps no
/// hashes (the TypeScript file and directory layouts) computes once when it opens.
/// </summary>
internal static class DerivedHashes
{
    public static Dictionary<Address, uint> Of(IEnumerable<KeyValuePair<Address, string>> timestamps)
    {
        var hashes = new Dictionary<Address, uint>();
        foreach (var (address, timestamp) in timestamps)
        {
            var hash = Fnv1a.HashTimestamp(timestamp);
            for (var parent = address.Parent; ; parent = parent.Parent)
            {
                hashes[parent] = hashes.GetValueOrDefault(parent) ^ hash;
                if (parent.IsRoot)
                {
                    break;
                }
            }
        }

        return hashes;
    }
}
