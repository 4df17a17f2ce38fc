using System.Collections.Concurrent;

namespace Synclets.Transports.Memory;

/// <summary>The transports sharing one pool id: each sees the others, like the clients of one room.</summary>
internal sealed class MemoryTransportPool
{
    private static readonly ConcurrentDictionary<string, MemoryTransportPool> Pools = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MemoryTransport> _members = new(StringComparer.Ordinal);

    public static MemoryTransportPool Get(string poolId) => Pools.GetOrAdd(poolId, _ => new MemoryTransportPool());

    public void Join(string syncletId, MemoryTransport transport)
    {
        if (!_members.TryAdd(syncletId, transport))
        {
            throw new InvalidOperationException($"A synclet with id '{syncletId}' is already connected to this memory pool; synclet ids must be unique in a pool.");
        }
    }

    public void Leave(string syncletId, MemoryTransport transport) =>
        _members.TryRemove(new KeyValuePair<string, MemoryTransport>(syncletId, transport));

    /// <summary>Delivers to <paramref name="to"/>, or to everyone but the sender when it is <c>*</c>.</summary>
    public void Deliver(string from, string to, ReadOnlyMemory<byte> packet)
    {
        if (to == "*")
        {
            foreach (var (id, member) in _members)
            {
                if (id != from)
                {
                    member.Deliver(from, packet);
                }
            }
        }
        else if (_members.TryGetValue(to, out var member))
        {
            member.Deliver(from, packet);
        }
    }
}
