namespace Synclets.Protocol;

/// <summary>Turns applied changes into the one message node that tells other peers about them.</summary>
internal static class ChangeNodes
{
    /// <summary>
    /// A single change becomes <c>[timestamp, atom]</c> at its own address; several become partial
    /// sub-nodes from the root down, so receivers do not mistake what is left out for missing data.
    /// </summary>
    public static (Address Address, MessageNode Node) Build(List<AppliedChange> changes, int depth)
    {
        if (changes.Count == 1)
        {
            return (changes[0].Address, new TimestampAndAtomNode(changes[0].Timestamp, changes[0].NewAtom));
        }

        var root = new Dictionary<string, MessageNode>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            var children = root;
            for (var i = 0; i < depth - 1; i++)
            {
                var id = change.Address[i];
                if (!children.TryGetValue(id, out var node))
                {
                    node = new SubNodesNode(new Dictionary<string, MessageNode>(StringComparer.Ordinal), IsPartial: true);
                    children[id] = node;
                }

                children = (Dictionary<string, MessageNode>)((SubNodesNode)node).Children;
            }

            children[change.Address[depth - 1]] = new TimestampAndAtomNode(change.Timestamp, change.NewAtom);
        }

        return (Address.Root, new SubNodesNode(root, IsPartial: true));
    }
}
