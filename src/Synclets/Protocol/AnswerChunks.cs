namespace Synclets.Protocol;

/// <summary>
/// The parts of one answer that carry leaves, sent as messages of their own once they hold
/// <c>maxLeaves</c> leaves (a single larger leaf parent is a part of its own), so a large answer (everything under a parent, for an empty peer)
/// is never built, encoded or applied as one message. Each part is addressed like the answer
/// (at the received message's address) and reaches its leaf parents through nodes marked partial,
/// so a peer infers nothing from what a part leaves out: every part is an ordinary protocol v1
/// message. The last message of an answer is marked as such (<c>sendAsync</c>'s second argument),
/// so it can carry what only the whole answer may say (that it answers). A leaf parent's node
/// always travels whole, with its own partial flag: cut in pieces, each piece would make the peer
/// read all the parent's leaves again, which for a flat tree of a million keys costs far more than
/// one large message.
/// </summary>
internal sealed class AnswerChunks(Address root, int maxLeaves, Func<MessageNode, bool, ValueTask> sendAsync)
{
    // Created on the first leaf parent: most answers (a one-atom write, a matching hash) have none.
    private Container? _pending;
    private int _leaves;
    private bool _sentAny;

    /// <summary>Adds the answer at a leaf parent; sends the pending part first when it would not fit.</summary>
    public async ValueTask AddAsync(Address leafParent, SubNodesNode node)
    {
        if (_leaves > 0 && _leaves + node.Children.Count > maxLeaves)
        {
            await FlushAsync(last: false).ConfigureAwait(false);
        }

        Place(leafParent, node);
        _leaves += node.Children.Count;
        if (_leaves >= maxLeaves)
        {
            await FlushAsync(last: false).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends the rest of the answer: what the protocol returned (interior nodes) together with the
    /// pending part, as one message when no part was sent yet, so a small answer stays one message.
    /// False when no message went out marked last (nothing was left to send).
    /// </summary>
    public async ValueTask<bool> FinishAsync(MessageNode? rest)
    {
        var sentLast = false;
        if (_sentAny || _pending is null || _pending.IsEmpty)
        {
            sentLast = rest is null && _pending is { IsEmpty: false };
            await FlushAsync(last: rest is null).ConfigureAwait(false);
        }
        else
        {
            rest = _pending.Build(rest);
            (_pending, _leaves) = (null, 0);
        }

        if (rest is not null)
        {
            await sendAsync(rest, true).ConfigureAwait(false);
            sentLast = true;
        }

        return sentLast;
    }

    private async ValueTask FlushAsync(bool last)
    {
        if (_pending is null || _pending.IsEmpty)
        {
            return;
        }

        var part = _pending.Build(null);
        (_pending, _leaves) = (null, 0);
        _sentAny = true;
        await sendAsync(part, last).ConfigureAwait(false);
    }

    private void Place(Address leafParent, SubNodesNode node)
    {
        _pending ??= new Container();
        if (leafParent.Count == root.Count)
        {
            _pending.Whole = node;
            return;
        }

        var container = _pending;
        for (var level = root.Count; level < leafParent.Count - 1; level++)
        {
            container = container.Child(leafParent[level]);
        }

        container.Nodes[leafParent.LastId] = node;
    }

    /// <summary>A partial node on the way from the answer's address to leaf parents.</summary>
    private sealed class Container
    {
        private readonly Dictionary<string, Container> _children = new(StringComparer.Ordinal);

        /// <summary>Leaf parents' nodes placed here.</summary>
        public Dictionary<string, MessageNode> Nodes { get; } = new(StringComparer.Ordinal);

        /// <summary>The whole part, when the answer's address is itself the leaf parent.</summary>
        public SubNodesNode? Whole { get; set; }

        public bool IsEmpty => Whole is null && Nodes.Count == 0 && _children.Count == 0;

        public Container Child(string id)
        {
            if (!_children.TryGetValue(id, out var child))
            {
                _children[id] = child = new Container();
            }

            return child;
        }

        /// <summary>
        /// The node of this container, merged with <paramref name="rest"/>, the protocol's own node
        /// at the same address (partial already wherever it left a leaf parent to the parts).
        /// </summary>
        public MessageNode Build(MessageNode? rest)
        {
            if (Whole is not null)
            {
                return Whole;
            }

            var restChildren = (rest as SubNodesNode)?.Children;
            var children = restChildren is null
                ? new Dictionary<string, MessageNode>(StringComparer.Ordinal)
                : new Dictionary<string, MessageNode>(restChildren, StringComparer.Ordinal);
            foreach (var (id, node) in Nodes)
            {
                children[id] = node;
            }

            foreach (var (id, child) in _children)
            {
                children[id] = child.Build(restChildren?.GetValueOrDefault(id));
            }

            return new SubNodesNode(children, IsPartial: true);
        }
    }
}
