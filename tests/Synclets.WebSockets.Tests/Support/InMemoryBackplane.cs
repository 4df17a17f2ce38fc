using Synclets.WebSockets.Server.Backplane;

namespace Synclets.WebSockets.Tests.Support;

/// <summary>
/// A backplane joining the brokers of one process: what the servers' rooms need of any backplane,
/// with none of a cluster's machinery. Each server gets its own <see cref="ForServer"/> view.
/// </summary>
internal sealed class InMemoryBackplane
{
    private readonly Lock _lock = new();
    private readonly List<Link> _links = [];

    /// <summary>Packets the backplane found no addressee for.</summary>
    public int Undeliverable { get; private set; }

    /// <summary>The backplane as one server sees it.</summary>
    public IRoomBackplane ForServer() => new Server(this);

    private void Send(Link from, string sender, string to, ReadOnlyMemory<byte> packet, bool isText)
    {
        var copy = packet.ToArray();
        Link[] receivers;
        lock (_lock)
        {
            receivers = [.. _links.Where(link => link != from && link.RoomId == from.RoomId && (to == "*" || link.Members.Contains(to)))];
            if (receivers.Length == 0 && to != "*")
            {
                Undeliverable++;
                from.Receiver.CountDropped(1);
                return;
            }
        }

        foreach (var receiver in receivers)
        {
            receiver.Receiver.Deliver(to, copy, isText);
        }
    }

    private sealed class Server(InMemoryBackplane backplane) : IRoomBackplane
    {
        public IRoomBackplaneLink Open(string roomId, IRoomBackplaneReceiver room)
        {
            var link = new Link(backplane, roomId, room);
            lock (backplane._lock)
            {
                backplane._links.Add(link);
            }

            return link;
        }
    }

    private sealed class Link(InMemoryBackplane backplane, string roomId, IRoomBackplaneReceiver receiver) : IRoomBackplaneLink
    {
        public string RoomId { get; } = roomId;

        public IRoomBackplaneReceiver Receiver { get; } = receiver;

        public HashSet<string> Members { get; } = [];

        public void MemberJoined(string memberId)
        {
            lock (backplane._lock)
            {
                Members.Add(memberId);
            }
        }

        // Synchronous: a join is known to every server as soon as it is made.
        public Task WhenPassedOnAsync() => Task.CompletedTask;

        public void MemberLeft(string memberId)
        {
            lock (backplane._lock)
            {
                Members.Remove(memberId);
            }
        }

        public void Send(string from, string to, ReadOnlyMemory<byte> packet, bool isText) => backplane.Send(this, from, to, packet, isText);

        public ValueTask DisposeAsync()
        {
            lock (backplane._lock)
            {
                backplane._links.Remove(this);
            }

            return ValueTask.CompletedTask;
        }
    }
}
