using Synclets.Clocks;

namespace Synclets.Protocol;

/// <summary>
/// Checks a whole received message against the receiver's depth before anything is applied, so a
/// message that is wrong anywhere is refused whole rather than half-applied.
/// </summary>
internal static class MessageValidator
{
    /// <summary>Null when <paramref name="message"/> may be processed, else why not.</summary>
    public static string? FindProblem(Message message, int depth)
    {
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

        return FindNodeProblem(message.Node, message.Address.Count, depth, message.Address.ToString());
    }

    private static string? FindNodeProblem(MessageNode node, int addressLength, int depth, string where)
    {
        if (addressLength > depth)
        {
            return $"address '{where}' is deeper than the tree's depth {depth}";
        }

        var atLeaf = addressLength == depth;
        switch (node)
        {
            case TimestampNode timestamp when atLeaf:
                return timestamp.Timestamp.Length == 0 || IsTimestamp(timestamp.Timestamp) ? null : $"malformed timestamp at '{where}'";
            case TimestampAndAtomNode write when atLeaf:
                return IsTimestamp(write.Timestamp) ? null : $"malformed timestamp at '{where}'";
            case HashNode when !atLeaf:
                return null;
            case SubNodesNode subNodes when !atLeaf:
                foreach (var (id, child) in subNodes.Children)
                {
                    if (FindNodeProblem(child, addressLength + 1, depth, where.Length == 0 ? id : where + "/" + id) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            default:
                return $"a {node.GetType().Name} cannot sit at {(atLeaf ? "leaf" : "parent")} address '{where}'";
        }
    }

    private static bool IsTimestamp(string timestamp) => HybridLogicalClock.TryDecode(timestamp, out _, out _);
}
