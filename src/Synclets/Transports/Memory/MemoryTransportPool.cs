using System.Collections.Concurrent;
using Synclets.Wire;

namespace Synclets.Transports.Memory;

/// <summary>The transports sharing one pool id: each sees the others, like the clients of one room.</summary>
internal sealed class MemoryTransportPool
{
    private static readonly ConcurrentDictionary<string, MemoryTransportPool> Pools = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MemoryTransport> _members = new(StringComparer.Ordinal);

    // The members as an array, replaced on every join and leave: a broadcast then walks it without
    // allocating an enumerator, and joins and leaves are rare next to messages.
    private volatile KeyValuePair<string, MemoryTransport>[] _everyone = [];

    /// <summary>Joins the pool <paramref name="poolId"/>, creating it for its first member.</summary>
    public static MemoryTransportPool Join(string poolId, string syncletId, MemoryTransport transport)
    {
        lock (Pools)
        {
            var pool = Pools.GetOrAdd(poolId, _ => new MemoryTransportPool());
            if (!pool._members.TryAdd(syncletId, transport))
            {
                throw new InvalidOperationException($"A synclet with id '{syncletId}' is already connected to memory pool '{poolId}'; synclet ids must be unique in a pool.");
            }

            pool._everyone = [.. pool._members];
            return pool;
        }
    }

    /// <summary>Leaves the pool, which is forgotten once its last member has left.</summary>
    public static void Leave(string poolId, string syncletId, MemoryTransport transport)
    {
        lock (Pools)
        {
            if (Pools.TryGetValue(poolId, out var pool)
                && pool._members.TryRemove(new KeyValuePair<string, MemoryTransport>(syncletId, transport)))
            {
                pool._everyone = [.. pool._members];
                if (pool._members.IsEmpty)
                {
                    Pools.TryRemove(poolId, out _);
                }
            }
        }
    }

    /// <summary>Whether a synclet with id <paramref name="syncletId"/> is in the pool.</summary>
    public bool Contains(string syncletId) => _members.ContainsKey(syncletId);

    /// <summary>Delivers to <paramref name="to"/>, or to everyone but the sender when it is <c>*</c>.</summary>
    public void Deliver(string from, WireCodec senderCodec, string to, ReadOnlyMemory<byte> packet)
    {
        if (to == "*")
        {
            foreach (var (id, member) in _everyone)
            {
                if (id != from)
                {
                    member.Deliver(from, senderCodec, packet);
                }
            }
        }
        else if (_members.TryGetValue(to, out var member))
        {
            member.Deliver(from, senderCodec, packet);
        }
    }
}
