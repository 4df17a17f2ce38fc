using System.Globalization;
using Synclets.Tool.Stores;

namespace Synclets.Tool.Diff;

/// <summary>
/// <c>synclets diff STORE STORE</c>: whether two stores hold the same tree and, if not, the subtrees
/// whose hashes differ, down to the atoms. Exit code 0 when in step, 1 when not.
/// </summary>
internal static class DiffCommand
{
    public static async Task<int> RunAsync(string left, string? leftMeta, string right, string? rightMeta, string? scope, int maxAtoms, TextWriter output, CancellationToken cancellationToken)
    {
        await using var a = await StoreReader.OpenAsync(left, leftMeta, cancellationToken);
        await using var b = await StoreReader.OpenAsync(right, rightMeta, cancellationToken);
        if (a.Depth != b.Depth)
        {
            throw new ToolException($"{a.Name} holds a tree of depth {a.Depth} and {b.Name} one of depth {b.Depth}: they cannot be compared.");
        }

        var aScope = await a.ChooseScopeAsync(scope, cancellationToken);
        var bScope = await b.ChooseScopeAsync(scope, cancellationToken);
        var (aLeaves, bLeaves) = (ByPath(await a.LeavesAsync(aScope, [], cancellationToken)), ByPath(await b.LeavesAsync(bScope, [], cancellationToken)));
        var (aHashes, bHashes) = (await a.HashesAsync(aScope, cancellationToken), await b.HashesAsync(bScope, cancellationToken));

        var differing = aLeaves.Keys.Union(bLeaves.Keys, StringComparer.Ordinal)
            .Where(path => !Same(aLeaves.GetValueOrDefault(path), bLeaves.GetValueOrDefault(path)))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (differing.Count == 0)
        {
            output.WriteLine($"In step: {aLeaves.Count.ToString("N0", CultureInfo.InvariantCulture)} leaves, root hash {Hash(aHashes, string.Empty)}.");
            return 0;
        }

        output.WriteLine($"Not in step: {differing.Count.ToString("N0", CultureInfo.InvariantCulture)} of {aLeaves.Keys.Union(bLeaves.Keys).Count().ToString("N0", CultureInfo.InvariantCulture)} leaves differ.");
        output.WriteLine($"  (root)  hash {Hash(aHashes, string.Empty)} | {Hash(bHashes, string.Empty)}");
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in differing.Take(maxAtoms))
        {
            var ids = path.Split('/');
            for (var level = 1; level < ids.Length; level++)
            {
                var node = string.Join('/', ids.Take(level));
                if (shown.Add(node))
                {
                    output.WriteLine($"{new string(' ', 2 * level + 2)}{node}  hash {Hash(aHashes, node)} | {Hash(bHashes, node)}");
                }
            }

            output.WriteLine($"{new string(' ', 2 * ids.Length + 2)}{path}  {Describe(aLeaves.GetValueOrDefault(path))} | {Describe(bLeaves.GetValueOrDefault(path))}");
        }

        if (differing.Count > maxAtoms)
        {
            output.WriteLine($"  … and {(differing.Count - maxAtoms).ToString("N0", CultureInfo.InvariantCulture)} more leaves (--max-atoms shows more).");
        }

        return 1;
    }

    private static Dictionary<string, StoreLeaf> ByPath(List<StoreLeaf> leaves) => leaves.ToDictionary(leaf => leaf.Path, StringComparer.Ordinal);

    private static bool Same(StoreLeaf? a, StoreLeaf? b) =>
        a is not null && b is not null && a.Timestamp == b.Timestamp && a.AtomJson == b.AtomJson;

    private static string Hash(Dictionary<string, long> hashes, string node) =>
        hashes.TryGetValue(node, out var hash) ? hash.ToString(CultureInfo.InvariantCulture) : "-";

    private static string Describe(StoreLeaf? leaf) => leaf switch
    {
        null => "absent",
        { AtomJson: null } => $"deleted @ {leaf.Timestamp}",
        _ => $"{leaf.AtomJson} @ {leaf.Timestamp}",
    };
}
