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
    /// <returns>How many members it was handed to, or null if the packet is malformed.</returns>
    public int? Relay(IRoomMember sender, ReadOnlyMemory<byte> packet, bool isText)
    {
        var codec = WireCodec.For(isText ? WireFormat.Json : WireFormat.MessagePack);
        if (!codec.TryParsePacket(packet, out var parsed))
        {
            return null;
        }

        var to = parsed.Peer;
        IRoomMember? addressee = null;
        if (to != "*" && (!_members.TryGetValue(to, out addressee) || ReferenceEquals(addressee, sender)))
        {
            return 0;
        }

        // One copy serves every receiver: members only read what they are handed.
        var forwarded = new OutgoingFrame(codec.WithPeer(packet.Span, sender.Id), isText);
        if (addressee is not null)
        {
            addressee.Deliver(forwarded);
            return 1;
        }

        var count = 0;
        foreach (var member in _members.Values)
        {
            if (!ReferenceEquals(member, sender))
            {
                member.Deliver(forwarded);
                count++;
            }
        }

        return count;
    }
}
