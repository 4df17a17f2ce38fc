using Synclets.Clocks;
using Synclets.Connectors;
using Synclets.Hashing;

namespace Synclets.Protocol;

/// <summary>
/// The answer rules of protocol v1: given a node a peer sent for an address, apply what is newer
/// and produce the node to send back (null = nothing to say). Runs inside the synclet's batch.
/// </summary>
internal sealed class SyncProtocol(
    int depth,
    DataConnector data,
    MetaConnector meta,
    SyncletHooks hooks,
    HybridLogicalClock clock,
    HashUpdater hashes,
    TimeSpan maxClockSkew)
{
    /// <summary>
    /// The answer to a received message's <paramref name="node"/> at <paramref name="address"/>
    /// (already validated); nothing at all for an address the peer may not see.
    /// </summary>
    public async ValueTask<MessageNode?> AnswerMessageAsync(Address address, MessageNode node, Exchange exchange) =>
        await IsVisibleAsync(address, exchange).ConfigureAwait(false)
            ? await AnswerAsync(address, node, exchange).ConfigureAwait(false)
            : null;

    private async ValueTask<MessageNode?> AnswerAsync(Address address, MessageNode node, Exchange exchange)
    {
        if (address.Count == depth)
        {
            var view = LeafParentView.ForSingleLeaf(address, data, meta);
            return await AnswerLeafAsync(view, address.LastId, node, exchange).ConfigureAwait(false);
        }

        return node switch
        {
            HashNode hash => await AnswerHashAsync(address, hash.Hash, exchange).ConfigureAwait(false),
            SubNodesNode subNodes => await AnswerSubNodesAsync(address, subNodes, exchange).ConfigureAwait(false),
            _ => null,
        };
    }

    /// <summary>The node that summarizes an address: its hash (parent) or its timestamp (leaf).</summary>
    public async ValueTask<MessageNode> SummarizeAsync(Address address, Exchange exchange) =>
        address.Count == depth
            ? new TimestampNode(await meta.ReadTimestampAsync(address, exchange.CancellationToken).ConfigureAwait(false))
            : new HashNode(await GetHashAsync(address, exchange).ConfigureAwait(false));

    private async ValueTask<MessageNode?> AnswerLeafAsync(LeafParentView view, string id, MessageNode node, Exchange exchange)
    {
        var mine = await view.ReadTimestampAsync(id, exchange.CancellationToken).ConfigureAwait(false);
        var (theirs, write) = node switch
        {
            TimestampNode timestamp => (timestamp.Timestamp, (TimestampAndAtomNode?)null),
            TimestampAndAtomNode timestampAndAtom => (timestampAndAtom.Timestamp, timestampAndAtom),
            _ => throw new InvalidOperationException("Unvalidated node at a leaf."),
        };

        var order = string.CompareOrdinal(theirs, mine);
        if (order < 0)
        {
            return await ReadLeafAsync(view, id, mine, exchange).ConfigureAwait(false);
        }

        if (order > 0)
        {
            if (write is null)
            {
                return new TimestampNode(mine);
            }

            await ApplyAsync(view, id, mine, write, exchange).ConfigureAwait(false);
        }

        return null;
    }

    private async ValueTask<MessageNode?> ReadLeafAsync(LeafParentView view, string id, string timestamp, Exchange exchange)
    {
        if (hooks.CanReadAtom is { } canRead
            && !await canRead(view.AddressOf(id), exchange.Context, exchange.CancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new TimestampAndAtomNode(timestamp, await view.ReadAtomAsync(id, exchange.CancellationToken).ConfigureAwait(false));
    }

    private async ValueTask ApplyAsync(LeafParentView view, string id, string oldTimestamp, TimestampAndAtomNode write, Exchange exchange)
    {
        var address = view.AddressOf(id);
        var cancellationToken = exchange.CancellationToken;
        var ahead = clock.AheadOfNow(write.Timestamp);
        if (ahead > maxClockSkew)
        {
            exchange.RefuseAhead(new RefusedWrite(address, write.Timestamp, ahead));
            return;
        }

        var allowed = write.Atom is { } atom
            ? hooks.CanWriteAtom is not { } canWrite || await canWrite(address, atom, exchange.Context, cancellationToken).ConfigureAwait(false)
            : hooks.CanRemoveAtom is not { } canRemove || await canRemove(address, exchange.Context, cancellationToken).ConfigureAwait(false);
        if (!allowed)
        {
            return;
        }

        // Read even for an atom never synced here: other code may have put a value in the store, which
        // the change event reports as the old value and a deletion must find.
        var oldAtom = await view.ReadAtomAsync(id, cancellationToken).ConfigureAwait(false);
        if (write.Atom is { } newAtom)
        {
            await data.WriteAtomAsync(address, newAtom, cancellationToken).ConfigureAwait(false);
        }
        else if (oldAtom is not null)
        {
            await data.RemoveAtomAsync(address, cancellationToken).ConfigureAwait(false);
        }

        await meta.WriteTimestampAsync(address, write.Timestamp, cancellationToken).ConfigureAwait(false);
        hashes.Record(view.Parent, oldTimestamp, write.Timestamp);
        clock.Seen(write.Timestamp);
        exchange.Changes.Add(new AppliedChange(address, write.Timestamp, write.Atom, oldAtom));
        // Reported where the losing value was written: the winner's writer may only ever see a
        // timestamp of the older write, never its value.
        if (oldAtom != write.Atom && clock.IsOwn(oldTimestamp) && !clock.IsOwn(write.Timestamp))
        {
            exchange.Conflict(new MetWrite(address, oldTimestamp, oldAtom, write.Timestamp, write.Atom));
        }
    }

    private async ValueTask<MessageNode?> AnswerHashAsync(Address address, uint theirs, Exchange exchange)
    {
        if (await GetHashAsync(address, exchange).ConfigureAwait(false) == theirs)
        {
            return null;
        }

        if (exchange.IsOverBudget)
        {
            return exchange.Cut();
        }

        var listing = await ListChildrenAsync(address, [], exchange).ConfigureAwait(false);
        var children = new Dictionary<string, MessageNode>(StringComparer.Ordinal);
        foreach (var id in listing.VisibleIds)
        {
            children[id] = listing.Leaves is { } leaves
                ? new TimestampNode(leaves.Timestamps[id])
                : new HashNode(await GetHashAsync(address.Append(id), exchange).ConfigureAwait(false));
        }

        return new SubNodesNode(children);
    }

    private async ValueTask<MessageNode?> AnswerSubNodesAsync(Address address, SubNodesNode theirs, Exchange exchange)
    {
        if (exchange.IsOverBudget)
        {
            return exchange.Cut();
        }

        // A partial listing is answered child by child: our own children are not needed, and listing
        // them would read every child id under the address again for each part of a large answer.
        var listing = await ListChildrenAsync(address, theirs.Children.Keys, exchange, withOwnIds: !theirs.IsPartial).ConfigureAwait(false);
        var reply = new Dictionary<string, MessageNode>(StringComparer.Ordinal);

        // Our own extras are listed only in answer to a whole listing; answering part of one, the
        // reply leaves them out, so it must not read as all we have.
        var partial = theirs.IsPartial;
        if (!theirs.IsPartial)
        {
            foreach (var id in listing.VisibleIds)
            {
                if (!theirs.Children.ContainsKey(id))
                {
                    await PauseBetweenChildrenAsync(listing, exchange).ConfigureAwait(false);
                    partial |= !TryAdd(reply, id, await ReadFullChildAsync(listing, id, exchange).ConfigureAwait(false));
                }
            }
        }

        if (theirs.Children.Count > 1)
        {
            ExpectLeafParents(address, theirs.Children.Keys);
        }

        foreach (var (id, child) in theirs.Children)
        {
            await PauseBetweenChildrenAsync(listing, exchange).ConfigureAwait(false);
            partial |= !listing.IsVisible(id) || !TryAdd(reply, id, listing.Leaves is { } leaves
                ? await AnswerLeafAsync(leaves, id, child, exchange).ConfigureAwait(false)
                : await AnswerAsync(address.Append(id), child, exchange).ConfigureAwait(false));
        }

        return await ToPartsAsync(listing, reply.Count > 0 ? new SubNodesNode(reply, partial) : null, exchange).ConfigureAwait(false);
    }

    /// <summary>Everything under a parent address, down to <c>[timestamp, atom]</c> leaves.</summary>
    private async ValueTask<MessageNode?> ReadFullAsync(Address address, Exchange exchange)
    {
        if (exchange.IsOverBudget)
        {
            return exchange.Cut();
        }

        var listing = await ListChildrenAsync(address, [], exchange).ConfigureAwait(false);
        var children = new Dictionary<string, MessageNode>(StringComparer.Ordinal);
        var partial = listing.HidesSome;
        ExpectLeafParents(address, listing.VisibleIds);
        foreach (var id in listing.VisibleIds)
        {
            await PauseBetweenChildrenAsync(listing, exchange).ConfigureAwait(false);
            partial |= !TryAdd(children, id, await ReadFullChildAsync(listing, id, exchange).ConfigureAwait(false));
        }

        return await ToPartsAsync(listing, children.Count > 0 ? new SubNodesNode(children, partial) : null, exchange).ConfigureAwait(false);
    }

    /// <summary>Tells the meta connector which leaf parents under <paramref name="address"/> are read next, when its children are leaf parents.</summary>
    private void ExpectLeafParents(Address address, IEnumerable<string> ids)
    {
        if (address.Count == depth - 2)
        {
            meta.ExpectLeafParents(address, ids as IReadOnlyList<string> ?? [.. ids]);
        }
    }

    /// <summary>
    /// Hands a leaf parent's answer to the exchange's parts (its ancestors then mark it left out, as
    /// any omitted child); any other node, or one without parts, is returned to be built in.
    /// </summary>
    private static async ValueTask<MessageNode?> ToPartsAsync(ChildListing listing, SubNodesNode? node, Exchange exchange)
    {
        if (node is null || listing.Leaves is null || exchange.Chunks is not { } chunks)
        {
            return node;
        }

        await chunks.AddAsync(listing.Address, node).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Between the children of an interior node, lets the synclet pause (see <see cref="Exchange.PauseAsync"/>):
    /// each child's answer reads what it needs itself, so nothing read before goes stale. Never
    /// between the leaves of a leaf parent, which are answered from one read.
    /// </summary>
    private static ValueTask PauseBetweenChildrenAsync(ChildListing listing, Exchange exchange) =>
        listing.Leaves is null ? exchange.PauseAsync() : ValueTask.CompletedTask;

    private ValueTask<MessageNode?> ReadFullChildAsync(ChildListing listing, string id, Exchange exchange) =>
        listing.Leaves is { } leaves
            ? ReadLeafAsync(leaves, id, leaves.Timestamps[id], exchange)
            : ReadFullAsync(listing.Address.Append(id), exchange);

    /// <summary>
    /// A parent's hash. Without a child filter it is the stored hash (O(1)); with one, it is derived
    /// from what the peer may see, so peers that see less still agree when they are in sync.
    /// </summary>
    private async ValueTask<uint> GetHashAsync(Address address, Exchange exchange)
    {
        if (hooks.FilterChildIds is null)
        {
            return await meta.ReadHashAsync(address, exchange.CancellationToken).ConfigureAwait(false);
        }

        var listing = await ListChildrenAsync(address, [], exchange).ConfigureAwait(false);
        var hash = 0u;
        foreach (var id in listing.VisibleIds)
        {
            hash ^= listing.Leaves is { } leaves
                ? Fnv1a.HashTimestamp(leaves.Timestamps[id])
                : await GetHashAsync(address.Append(id), exchange).ConfigureAwait(false);
        }

        return hash;
    }

    /// <summary>
    /// The children of a parent this synclet holds, and which of them (or of
    /// <paramref name="mentioned"/>) the peer may see. Without <paramref name="withOwnIds"/>, an
    /// interior parent lists no children of its own (a leaf parent always loads its leaves).
    /// </summary>
    private async ValueTask<ChildListing> ListChildrenAsync(Address address, IEnumerable<string> mentioned, Exchange exchange, bool withOwnIds = true)
    {
        LeafParentView? leaves = null;
        IEnumerable<string> ids;
        if (address.Count == depth - 1)
        {
            leaves = await LeafParentView.LoadAsync(address, data, meta, exchange.CancellationToken).ConfigureAwait(false);
            ids = leaves.Timestamps.Keys;
        }
        else
        {
            ids = withOwnIds ? await meta.ReadChildIdsAsync(address, exchange.CancellationToken).ConfigureAwait(false) : [];
        }

        var visible = await VisibleAsync(address, ids.Union(mentioned), exchange).ConfigureAwait(false);

        // Listing (and, at a leaf parent, reading) children is the work a peer's request buys.
        if (exchange.Budget is not null)
        {
            exchange.Charge(CountOf(ids) + CountOf(mentioned));
        }

        return new ChildListing(address, leaves, ids, visible);
    }

    /// <summary>Whether every id along <paramref name="address"/> passes the child filter for this peer.</summary>
    private async ValueTask<bool> IsVisibleAsync(Address address, Exchange exchange)
    {
        if (hooks.FilterChildIds is null)
        {
            return true;
        }

        for (var level = 0; level < address.Count; level++)
        {
            var visible = await VisibleAsync(address.Take(level), [address[level]], exchange).ConfigureAwait(false);
            if (!visible!.Contains(address[level]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The ids the peer may see among <paramref name="ids"/>, or null when every id is visible.</summary>
    private async ValueTask<HashSet<string>?> VisibleAsync(Address address, IEnumerable<string> ids, Exchange exchange)
    {
        if (hooks.FilterChildIds is not { } filter)
        {
            return null;
        }

        var allowed = await filter(address, [.. ids], exchange.Context, exchange.CancellationToken).ConfigureAwait(false);
        return new HashSet<string>(allowed, StringComparer.Ordinal);
    }

    private static int CountOf(IEnumerable<string> ids) => ids.TryGetNonEnumeratedCount(out var count) ? count : ids.Count();

    private static bool TryAdd(Dictionary<string, MessageNode> children, string id, MessageNode? node)
    {
        if (node is null)
        {
            return false;
        }

        children[id] = node;
        return true;
    }
}
