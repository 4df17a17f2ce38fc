using Microsoft.Extensions.Logging;
using Synclets.Logging;
using Synclets.Orleans.Grains;

namespace Synclets.Orleans.Rooms;

/// <summary>
/// Where a room's members are (on which node, or the grain's own synclet) and the relay between
/// them: what a room's grain holds. Locked rather than left to the grain's turns, because the room's
/// synclet sends from its own threads.
/// </summary>
internal sealed class RoomRoutes(string roomId, SyncletClusterOptions options, TimeProvider timeProvider, ILogger logger, LogThrottle warnings)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, NodeState> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeState> _memberNodes = new(StringComparer.Ordinal);
    private IRoomSyncletMember? _synclet;

    /// <summary>Whether no node is linked to the room (each leaves, or is dropped, when its last member has gone).</summary>
    public bool HasNoNodes
    {
        get
        {
            lock (_lock)
            {
                return _nodes.Count == 0;
            }
        }
    }

    /// <summary>Takes a node's push: its members, then its entries in order.</summary>
    public RoomReceipt Push(RoomPush push)
    {
        var undeliverable = 0;
        bool knowsNode;
        lock (_lock)
        {
            knowsNode = _nodes.TryGetValue(push.NodeId, out var node);
            if (node is null)
            {
                node = new NodeState(push.NodeId, new NodeOutbox(roomId, push.Node, options, NodeFailed));
                _nodes.Add(push.NodeId, node);
            }

            node.Outbox.Node = push.Node;
            node.LastHeard = timeProvider.GetTimestamp();
            if (push.Members is { } members)
            {
                ReplaceMembers(node, members);
                knowsNode = true;
            }

            foreach (var entry in push.Entries)
            {
                switch (entry.Kind)
                {
                    case RoomEntryKind.Joined:
                        AddMember(node, entry.MemberId);
                        break;
                    case RoomEntryKind.Left:
                        RemoveMember(node, entry.MemberId);
                        break;
                    case RoomEntryKind.Packet when entry.Packet is { } packet:
                        // Only the node's own members send through it; a grain that has just been
                        // activated learns them from their packets as well as from the member list.
                        AddMember(node, entry.MemberId);
                        undeliverable += Route(node, entry.MemberId, packet) ? 0 : 1;
                        break;
                }
            }

            ForgetSilentNodes();
        }

        return new RoomReceipt(knowsNode, undeliverable);
    }

    /// <summary>Forgets a node and its members.</summary>
    public void Leave(string nodeId)
    {
        lock (_lock)
        {
            if (_nodes.TryGetValue(nodeId, out var node))
            {
                Drop(node);
            }
        }
    }

    /// <summary>Drops the nodes not heard from within <see cref="SyncletClusterOptions.NodeTimeout"/>; callers hold the lock.</summary>
    private void ForgetSilentNodes()
    {
        foreach (var node in _nodes.Values.ToArray())
        {
            if (timeProvider.GetElapsedTime(node.LastHeard) > options.NodeTimeout)
            {
                logger.LogInformation("Room '{RoomId}': node {NodeId} was not heard from for {Timeout}; its members are forgotten", roomId, node.Id, options.NodeTimeout);
                Drop(node);
            }
        }
    }

    /// <summary>Makes the room's synclet a member: it hears every packet broadcast in the room.</summary>
    public void Attach(IRoomSyncletMember synclet)
    {
        lock (_lock)
        {
            _synclet = synclet;
        }
    }

    /// <summary>Removes the room's synclet.</summary>
    public void Detach(IRoomSyncletMember synclet)
    {
        lock (_lock)
        {
            if (ReferenceEquals(_synclet, synclet))
            {
                _synclet = null;
            }
        }
    }

    /// <summary>Whether a packet to <paramref name="memberId"/> has somewhere to go.</summary>
    public bool Contains(string memberId)
    {
        lock (_lock)
        {
            return _memberNodes.ContainsKey(memberId);
        }
    }

    /// <summary>Relays a packet from the room's synclet (its id already written into it); false if its addressee is nowhere.</summary>
    public bool RouteFromSynclet(string from, RoomPacket packet)
    {
        lock (_lock)
        {
            return Route(origin: null, from, packet);
        }
    }

    private bool Route(NodeState? origin, string from, RoomPacket packet)
    {
        if (packet.To == "*")
        {
            foreach (var node in _nodes.Values)
            {
                if (node != origin)
                {
                    Enqueue(node, packet);
                }
            }

            if (_synclet is { } synclet && synclet.Id != from)
            {
                synclet.Deliver(packet.Bytes);
            }

            return true;
        }

        if (_synclet is { } addressedSynclet && addressedSynclet.Id == packet.To)
        {
            addressedSynclet.Deliver(packet.Bytes);
            return true;
        }

        if (_memberNodes.TryGetValue(packet.To, out var addressee) && addressee != origin)
        {
            Enqueue(addressee, packet);
            return true;
        }

        return false;
    }

    private void Enqueue(NodeState node, RoomPacket packet)
    {
        if (!node.Outbox.TryEnqueue(packet))
        {
            if (warnings.ShouldLog("nodes dropped for a full backlog", roomId))
            {
                logger.LogWarning("Room '{RoomId}': node {NodeId} fell {MaxBytes} bytes behind; it is dropped until its next heartbeat", roomId, node.Id, options.MaxQueuedBytesPerRoom);
            }

            Drop(node);
        }
    }

    private void NodeFailed(NodeOutbox outbox, Exception exception)
    {
        lock (_lock)
        {
            var node = _nodes.Values.FirstOrDefault(candidate => candidate.Outbox == outbox);
            if (node is null)
            {
                return;
            }

            if (warnings.ShouldLog("nodes that could not be reached", node.Id))
            {
                logger.LogWarning("Room '{RoomId}': node {NodeId} could not be reached ({Reason}); it is dropped until its next heartbeat", roomId, node.Id, exception.Message);
            }

            Drop(node);
        }
    }

    private void ReplaceMembers(NodeState node, string[] members)
    {
        foreach (var member in node.Members.ToArray())
        {
            RemoveMember(node, member);
        }

        foreach (var member in members)
        {
            AddMember(node, member);
        }
    }

    private void AddMember(NodeState node, string memberId)
    {
        if (node.Members.Add(memberId))
        {
            // A member that moved (reconnected elsewhere with the same id) belongs to its latest node.
            if (_memberNodes.TryGetValue(memberId, out var previous) && previous != node)
            {
                previous.Members.Remove(memberId);
            }

            _memberNodes[memberId] = node;
        }
    }

    private void RemoveMember(NodeState node, string memberId)
    {
        if (node.Members.Remove(memberId) && _memberNodes.TryGetValue(memberId, out var current) && current == node)
        {
            _memberNodes.Remove(memberId);
        }
    }

    private void Drop(NodeState node)
    {
        if (!_nodes.Remove(node.Id))
        {
            return;
        }

        node.Outbox.Close();
        foreach (var member in node.Members.ToArray())
        {
            RemoveMember(node, member);
        }
    }

    private sealed class NodeState(string id, NodeOutbox outbox)
    {
        public string Id { get; } = id;

        public NodeOutbox Outbox { get; } = outbox;

        public HashSet<string> Members { get; } = new(StringComparer.Ordinal);

        public long LastHeard { get; set; }
    }
}
