using System.Collections.Concurrent;
using Synclets.WebSockets.Server.Backplane;
using Synclets.Wire;

namespace Synclets.WebSockets.Server;

/// <summary>
/// The peers connected under one URL path. Packets are relayed among them as they arrive; nothing is
/// kept, so the room holds no state but its members. With a backplane, the room's members on other
/// servers are reached through its <see cref="Link"/>.
/// </summary>
internal sealed class Room(string id, WsServerStatistics statistics) : IRoomBackplaneReceiver
{
    private readonly ConcurrentDictionary<string, IRoomMember> _members = new(StringComparer.Ordinal);
    private int _clientCount;

    public string Id { get; } = id;

    /// <summary>The room's link to the same room on other servers; null without a backplane.</summary>
    public IRoomBackplaneLink? Link { get; set; }

    public bool IsEmpty => _members.IsEmpty;

    public int ClientCount => Volatile.Read(ref _clientCount);

    public IReadOnlyCollection<string> ClientIds =>
        [.. _members.Values.Where(member => member.IsClient).Select(member => member.Id)];

    public IReadOnlyList<WsClientInfo> Clients =>
        [.. _members.Values.OfType<ClientConnection>().Select(client => client.Info).OrderBy(client => client.ConnectedSince)];

    /// <summary>Whether a member with id <paramref name="memberId"/> is in the room on this server.</summary>
    public bool Contains(string memberId) => _members.ContainsKey(memberId);

    /// <summary>Whether a packet to <paramref name="memberId"/> can be relayed: it is here, or may be on another server.</summary>
    public bool MayReach(string memberId) => Link is not null || Contains(memberId);

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

        Link?.MemberJoined(member.Id);
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

        Link?.MemberLeft(member.Id);
        return true;
    }

    /// <summary>
    /// Relays a packet from <paramref name="sender"/>: its leading addressee is replaced by the
    /// sender's id, and it goes to that addressee, or to every other member when it is <c>*</c>;
    /// with a backplane, to the room's members on other servers too.
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
        var link = Link;
        if (to != "*" && (!_members.TryGetValue(to, out addressee) || ReferenceEquals(addressee, sender)))
        {
            if (addressee is not null || link is null)
            {
                return RelayOutcome.NoSuchPeer;
            }

            // Perhaps on another server: the backplane delivers it or counts it dropped.
            link.Send(sender.Id, to, codec.WithPeer(packet.Span, sender.Id), isText);
            return RelayOutcome.Relayed;
        }

        // One copy serves every receiver: members only read what they are handed.
        var forwarded = new OutgoingFrame(codec.WithPeer(packet.Span, sender.Id), isText);
        if (addressee is not null)
        {
            addressee.Deliver(forwarded);
            delivered = 1;
            return RelayOutcome.Relayed;
        }

        delivered = DeliverToAll(forwarded, except: sender);
        link?.Send(sender.Id, to, forwarded.Bytes, isText);
        return RelayOutcome.Relayed;
    }

    /// <inheritdoc />
    public void Deliver(string to, ReadOnlyMemory<byte> packet, bool isText)
    {
        var frame = new OutgoingFrame(packet, isText);
        if (to == "*")
        {
            statistics.CountPacketsDelivered(DeliverToAll(frame, except: null));
        }
        else if (_members.TryGetValue(to, out var addressee))
        {
            addressee.Deliver(frame);
            statistics.CountPacketsDelivered(1);
        }
        else
        {
            // It left this server while the packet was on its way.
            statistics.CountPacketDropped();
        }
    }

    /// <inheritdoc />
    public void CountDropped(int count) => statistics.CountPacketsDropped(count);

    private int DeliverToAll(OutgoingFrame frame, IRoomMember? except)
    {
        var delivered = 0;
        foreach (var (_, member) in _members)
        {
            if (!ReferenceEquals(member, except))
            {
                member.Deliver(frame);
                delivered++;
            }
        }

        return delivered;
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
