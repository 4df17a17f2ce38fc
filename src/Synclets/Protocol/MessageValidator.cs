using Synclets.Clocks;

namespace Synclets.Protocol;

/// <summary>
/// Checks a whole received message against the receiver's depth before anything is applied, so a
/// message that is wrong anywhere is refused whole rather than half-applied.
/// </summary>
internal static class MessageValidator
{
    /// <summary>
    /// Null when <paramref name="message"/> may be processed, else why not; <paramref name="writes"/>
    /// counts the <c>[timestamp, atom]</c> leaves, so the receiver can size its list of changes.
    /// </summary>
    public static string? FindProblem(Message message, int depth, out int writes)
    {
        writes = 0;
        if (message.Version != Message.CurrentVersion)
        {
            return $"unsupported protocol version {message.Version}";
        }

        if (message.Type != Message.NodeType)
        {
            return $"unknown message type {message.Type}";
        }

        if (message.Depth != depth)
        {
            return $"depth {message.Depth} differs from this synclet's depth {depth}";
        }

        return FindNodeProblem(message.Node, depth, [.. message.Address], ref writes);
    }

    /// <summary>Checks a node at <paramref name="path"/>, the ids from the root (pushed and popped on the way down, spelled out only in a problem).</summary>
    private static string? FindNodeProblem(MessageNode node, int depth, List<string> path, ref int writes)
    {
        if (path.Count > depth)
        {
            return $"address '{Where(path)}' is deeper than the tree's depth {depth}";
        }

        var atLeaf = path.Count == depth;
        switch (node)
        {
            case TimestampNode timestamp when atLeaf:
                return timestamp.Timestamp.Length == 0 || IsTimestamp(timestamp.Timestamp) ? null : $"malformed timestamp at '{Where(path)}'";
            case TimestampAndAtomNode write when atLeaf:
                writes++;
                return IsTimestamp(write.Timestamp) ? null : $"malformed timestamp at '{Where(path)}'";
            case HashNode when !atLeaf:
                return null;
            case SubNodesNode subNodes when !atLeaf:
                foreach (var (id, child) in subNodes.Children)
                {
                    path.Add(id);
                    var problem = FindNodeProblem(child, depth, path, ref writes);
                    path.RemoveAt(path.Count - 1);
                    if (problem is not null)
                    {
                        return problem;
                    }
                }

                return null;
            default:
                return $"a {node.GetType().Name} cannot sit at {(atLeaf ? "leaf" : "parent")} address '{Where(path)}'";
        }
    }

    private static string Where(List<string> path) => string.Join('/', path);

    private static bool IsTimestamp(string timestamp) => HybridLogicalClock.TryDecode(timestamp, out _, out _);
}
