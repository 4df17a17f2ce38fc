using Synclets.Transports;

namespace Synclets.Protocol;

/// <summary>
/// Whole-tree syncs of this synclet and a peer that crossed on the way: each sent its root hash
/// before it saw the other's, as two peers do when they start (or reconnect) at the same moment.
/// Left alone, both syncs run to the end and each carries everything that differs, both ways — every
/// atom the peers exchange crosses twice. So one of them yields: the peer whose root hash is larger
/// does not answer the listing that answers its own root hash, and the other sync carries
/// everything. Both peers compare the same two hashes, so exactly one yields; a peer that yields has
/// answered the other's root hash itself, so the sync that goes on has begun. A peer that knows
/// nothing of this (the TypeScript Synclets) never yields, and then both syncs run, as before.
/// </summary>
/// <remarks>
/// Only listings whose children are all hashes are recognised as answers to a root hash (a tree
/// of depth 2 or more): every other answer at the root lists sub-nodes or leaves. At depth 1 the
/// answer lists timestamps, and so does the answer to a listing, so nothing yields there. When a
/// round is unclear — the peer sent root hashes of different values, or the record was forgotten —
/// nothing yields either: the cost is the old one, every atom twice, never a sync that stalls.
/// Used on the synclet's queue only.
/// </remarks>
internal sealed class CrossedSyncs
{
    /// <summary>How many peers' records are kept before those of finished rounds are let go.</summary>
    private const int ForgetAbove = 1_024;

    private readonly Dictionary<Transport, Round> _rounds = [];
    private readonly Dictionary<(Transport Transport, string Peer), TheirRound> _answered = [];
    private int _lastRound;

    /// <summary>This synclet sent its root hash on <paramref name="transport"/>: a new round begins there.</summary>
    public void Started(Transport transport, uint rootHash) => _rounds[transport] = new Round(++_lastRound, rootHash);

    /// <summary>This synclet answered <paramref name="peer"/>'s root hash <paramref name="theirHash"/> with a listing.</summary>
    public void Answered(Transport transport, string peer, uint theirHash)
    {
        if (!_rounds.TryGetValue(transport, out var round))
        {
            return; // no root hash of ours is out there: nothing crossed
        }

        var key = (transport, peer);
        if (_answered.TryGetValue(key, out var before) && before.Round == round.Number)
        {
            _answered[key] = before with { IsUnclear = before.IsUnclear || before.TheirHash != theirHash };
            return;
        }

        if (_answered.Count >= ForgetAbove)
        {
            Forget();
        }

        _answered[key] = new TheirRound(round.Number, theirHash, IsUnclear: false);
    }

    /// <summary>
    /// Whether to leave unanswered <paramref name="peer"/>'s listing of hashes at the root, the
    /// answer to this synclet's root hash: the peer's own root sync crossed it, this synclet
    /// answered that one, and this synclet's root hash is the larger.
    /// </summary>
    public bool ShouldYield(Transport transport, string peer) =>
        _rounds.TryGetValue(transport, out var round)
        && _answered.TryGetValue((transport, peer), out var answered)
        && answered.Round == round.Number
        && !answered.IsUnclear
        && round.RootHash > answered.TheirHash;

    /// <summary>Whether <paramref name="message"/> is a listing of hashes at the root: an answer to a root hash.</summary>
    public static bool IsRootHashListing(Message message) =>
        message.Address.Count == 0
        && message.Depth >= 2
        && message.Node is SubNodesNode { IsPartial: false } listing
        && listing.Children.Values.All(static child => child is HashNode);

    /// <summary>Forgets the records of rounds that are over; all of them if every one is current.</summary>
    private void Forget()
    {
        foreach (var (key, answered) in _answered)
        {
            if (!_rounds.TryGetValue(key.Transport, out var round) || round.Number != answered.Round)
            {
                _answered.Remove(key);
            }
        }

        if (_answered.Count >= ForgetAbove)
        {
            _answered.Clear();
        }
    }

    /// <summary>This synclet's latest root hash on a transport, and the round it began.</summary>
    private readonly record struct Round(int Number, uint RootHash);

    /// <summary>The root hash of a peer's this synclet answered during its own round <paramref name="Round"/>.</summary>
    private readonly record struct TheirRound(int Round, uint TheirHash, bool IsUnclear);
}
