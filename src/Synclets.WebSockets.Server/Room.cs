using System.Collections.Concurrent;
using Synclets.Wire;

namespace Synclets.WebSockets.Server;

/// <summary>
/// The peers connected under one URL path. Packets are relayed among them as they arrive; nothing is
/// kept, so the room holds no state but its members.
/// </summary>
internal sealed class Room(string id)
{
    private readonly ConcurrentDictionary<string, IRoomMember> _members = new(StringComparer.Ordinal);
    private int _clientCount;

    public string Id { get; } = id;

    public bool IsEmpty => _members.IsEmpty;

    public int ClientCount => Volatile.Read(ref _clientCount);

    public IReadOnlyCollection<string> ClientIds =>
        [.. _members.Values.Where(member => member.IsClient).Select(member => member.Id)];

    /// <summary>Whether a member with id <paramref name="memberId"/> is in the room.</summary>
    public bool Contains(string memberId) => _members.ContainsKey(memberId);

    /// <summary>Adds a member; false if its id is taken. Callers hold the server's room lock.</summary>
    public bool TryAdd(IRoomMember member)
    {
        if (!_members.TryAdd(member.Id, member))
        {
            return false;
        }

        if (member.IsClient)
        {
            Interlocked.Increment(ref _clientCount);
        }

        return true;
    }

    /// <summary>Removes exactly this member. Callers hold the server's room lock.</summary>
    public bool Remove(IRoomMember member)
    {
        if (!_members.TryRemove(new KeyValuePair<string, IRoomMember>(member.Id, member)))
        {
            return false;
        }

        if (member.IsClient)
        {
            Interlocked.Decrement(ref _clientCount);
        }

        return true;
    }

    /// <summary>
    /// Relays a packet from <paramref name="sender"/>: its leading addressee is replaced by the
    /// sender's id, and it goes to that addressee, or to every other member when it is <c>*</c>.
    /// </summary>
    /// <param name="sender">The member it came from.</param>
    /// <param name="packet">The packet as received.</param>
    /// <param name="isText">Whether it came as a text message (JSON) rather than binary (MessagePack).</param>
    /// <param name="delivered">How many members it was handed to.</param>
    public RelayOutcome Relay(IRoomMember sender, ReadOnlyMemory<byte> packet, bool isText, out int delivered)
    {
        delivered = 0;
        var codec = WireCodec.For(isText ? WireFormat.Json : WireFormat.MessagePack);
        if (!codec.TryParsePacket(packet, out var parsed))
        {
            return RelayOutcome.Malformed;
        }

        var to = parsed.Peer;
        IRoomMember? addressee = null;
        if (to != "*" && (!_members.TryGetValue(to, out addressee) || ReferenceEquals(addressee, sender)))
        {
            return RelayOutcome.NoSuchPeer;
        }

        // One copy serves every receiver: members only read what they are handed.
        var forwarded = new OutgoingFrame(codec.WithPeer(packet.Span, sender.Id), isText);
        if (addressee is not null)
        {
            addressee.Deliver(forwarded);
            delivered = 1;
            return RelayOutcome.Relayed;
        }

        foreach (var (_, member) in _members)
        {
            if (!ReferenceEquals(member, sender))
            {
                member.Deliver(forwarded);
                delivered++;
            }
        }

        return RelayOutcome.Relayed;
    }
}

/// <summary>What became of a packet a room was asked to relay.</summary>
internal enum RelayOutcome
{
    /// <summary>Handed to its addressee, or to every other member (possibly none) for <c>*</c>.</summary>
    Relayed,

    /// <summary>Not a well-formed packet.</summary>
    Malformed,

    /// <summary>Addressed to a peer that is not in the room (or to its own sender).</summary>
    NoSuchPeer,
}
