using System.Buffers;
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
    /// With <paramref name="toJavaScript"/> (the receiver has a JSON transport), an integer a double
    /// cannot hold exactly is a problem: passed on, JavaScript peers would hold another value.
    /// </summary>
    public static string? FindProblem(Message message, int depth, bool toJavaScript, out int writes)
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

        if (message.Address.Count > depth)
        {
            return $"address '{message.Address}' is deeper than the tree's depth {depth}";
        }

        // The path is pushed and popped in one pooled array; it is spelled out only in a problem.
        var path = ArrayPool<string>.Shared.Rent(depth + 1);
        try
        {
            message.Address.AsSpan().CopyTo(path);
            return FindNodeProblem(message.Node, depth, toJavaScript, path, message.Address.Count, ref writes);
        }
        finally
        {
            ArrayPool<string>.Shared.Return(path, clearArray: true);
        }
    }

    /// <summary>Checks a node at the first <paramref name="count"/> ids of <paramref name="path"/> (never more than the depth: a leaf has no children).</summary>
    private static string? FindNodeProblem(MessageNode node, int depth, bool toJavaScript, string[] path, int count, ref int writes)
    {
        var atLeaf = count == depth;
        switch (node)
        {
            case TimestampNode timestamp when atLeaf:
                return timestamp.Timestamp.Length == 0 || IsTimestamp(timestamp.Timestamp) ? null : $"malformed timestamp at '{Where(path, count)}'";
            case TimestampAndAtomNode write when atLeaf:
                writes++;
                if (!IsTimestamp(write.Timestamp))
                {
                    return $"malformed timestamp at '{Where(path, count)}'";
                }

                return toJavaScript && write.Atom is { Kind: AtomKind.Integer } atom && !PortableValues.FitsDouble(atom.AsInteger())
                    ? $"the integer {atom.AsInteger()} at '{Where(path, count)}' cannot be held exactly by JavaScript peers"
                    : null;
            case HashNode when !atLeaf:
                return null;
            case SubNodesNode subNodes when !atLeaf:
                foreach (var (id, child) in subNodes.Children)
                {
                    path[count] = id;
                    if (FindNodeProblem(child, depth, toJavaScript, path, count + 1, ref writes) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            default:
                return $"a {node.GetType().Name} cannot sit at {(atLeaf ? "leaf" : "parent")} address '{Where(path, count)}'";
        }
    }

    private static string Where(string[] path, int count) => string.Join('/', path, 0, count);

    private static bool IsTimestamp(string timestamp) => HybridLogicalClock.TryDecode(timestamp, out _, out _);
}
