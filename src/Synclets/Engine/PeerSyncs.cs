using Synclets.Transports;

namespace Synclets.Engine;

/// <summary>
/// What each peer still owes this synclet — answers to messages it was asked (see
/// <see cref="Protocol.Acknowledgements"/>) — and so where the synclet stands with it, and the syncs
/// that wait for peers to finish. Only peers seen to acknowledge (they asked or answered something)
/// are asked, followed and waited for; one that never does (a TypeScript peer) is sent messages
/// exactly as before, and is not waited for. Peers come and go, so the records of peers that owe nothing are
/// forgotten once there are many. Used on the synclet's queue only.
/// </summary>
/// <param name="changed">Told when a followed peer's state changes.</param>
/// <param name="ended">Told when a sync ends: every peer finished (null), or why not.</param>
internal sealed class PeerSyncs(Action<string, PeerSyncState> changed, Action<SyncRound, string?> ended)
{
    /// <summary>How many peers' records are kept before those that owe nothing are let go.</summary>
    private const int ForgetAbove = 1_024;

    private readonly Dictionary<(Transport Transport, string Peer), Owed> _peers = [];
    private readonly List<SyncRound> _rounds = [];

    /// <summary>The syncs running.</summary>
    public IReadOnlyList<SyncRound> Rounds => _rounds;

    /// <summary>Every followed peer's state, by id.</summary>
    public IReadOnlyDictionary<string, PeerSyncState> States()
    {
        var states = new Dictionary<string, PeerSyncState>(StringComparer.Ordinal);
        foreach (var ((_, peer), owed) in _peers)
        {
            if (owed.Acknowledges)
            {
                states[peer] = owed.State;
            }
        }

        return states;
    }

    /// <summary>Where this synclet stands with the peer behind <paramref name="key"/>; unknown once forgotten.</summary>
    public PeerSyncState StateOf((Transport Transport, string Peer) key) =>
        _peers.TryGetValue(key, out var owed) ? owed.State : PeerSyncState.Unknown;

    /// <summary>Whether <paramref name="peer"/> has been seen to acknowledge: only such a peer is asked to answer.</summary>
    public bool Acknowledges(Transport transport, string peer) =>
        _peers.TryGetValue((transport, peer), out var owed) && owed.Acknowledges;

    /// <summary><paramref name="peer"/> asked or answered something: it acknowledges, and is followed from now on.</summary>
    public void Heard(Transport transport, string peer)
    {
        var owed = Know((transport, peer));
        if (!owed.Acknowledges)
        {
            // Followed from now on: what was recorded silently (asked before it was known) is told.
            owed.Acknowledges = true;
            if (owed.State != PeerSyncState.Unknown)
            {
                changed(peer, owed.State);
            }
        }
    }

    /// <summary>This synclet sent <paramref name="peer"/> a message that asks for an answer.</summary>
    public void Asked(Transport transport, string peer)
    {
        var owed = Know((transport, peer));
        owed.Count++;
        Set(peer, owed, PeerSyncState.Syncing);
    }

    /// <summary>
    /// A sync begins on <paramref name="round"/>'s transports: every followed peer there that the
    /// transport can still reach owes an answer to its root hash, and the sync waits for it.
    /// </summary>
    public void Begin(SyncRound round)
    {
        _rounds.Add(round);
        foreach (var (key, owed) in _peers)
        {
            if (owed.Acknowledges && round.Covers(key.Transport) && key.Transport.HasPeer(key.Peer))
            {
                owed.Count++;
                Set(key.Peer, owed, PeerSyncState.Syncing);
                round.Peers.Add(key);
                round.Expected.Add(key);
            }
        }
    }

    /// <summary>
    /// <paramref name="peer"/> answered one message this synclet asked it, and what the answer
    /// carried is applied. <paramref name="round"/> numbers the sync whose root hash it answers, if
    /// so: a peer that sync did not count (not known yet when it began) owed nothing for it, and joins it.
    /// </summary>
    public void Answered(Transport transport, string peer, int? round)
    {
        var key = (transport, peer);
        var owed = Know(key);
        owed.Acknowledges = true;
        if (round is null || _rounds.Exists(sync => sync.Number == round && sync.Expected.Contains(key)))
        {
            owed.Count = Math.Max(0, owed.Count - 1);
        }

        foreach (var sync in _rounds)
        {
            if (sync.Covers(transport))
            {
                sync.Peers.Add(key);
            }
        }

        if (owed.Count == 0)
        {
            Set(peer, owed, PeerSyncState.InSync);
            EndFinishedRounds();
        }
    }

    /// <summary>
    /// <paramref name="round"/> ran out of time (or, with <paramref name="why"/>, cannot finish):
    /// peers that still owe answers are taken to have left (forgotten, so later syncs do not wait
    /// for them), and it ends.
    /// </summary>
    public void Expire(SyncRound round, string? why)
    {
        if (!_rounds.Remove(round))
        {
            return;
        }

        var late = 0;
        foreach (var key in round.Peers)
        {
            if (_peers.TryGetValue(key, out var owed) && owed.Count > 0)
            {
                _peers.Remove(key);
                late++;
                changed(key.Peer, PeerSyncState.Unknown);
            }
        }

        ended(round, why ?? (round.Peers.Count == 0 ? "no peer answered in time" : $"{late} of {round.Peers.Count} peer(s) did not answer in time"));
    }

    /// <summary>Ends every sync (the synclet stopped); followed peers' states become unknown.</summary>
    public void EndAll(string why)
    {
        foreach (var round in _rounds.ToList())
        {
            _rounds.Remove(round);
            ended(round, why);
        }

        foreach (var ((_, peer), owed) in _peers)
        {
            if (owed.Acknowledges && owed.State != PeerSyncState.Unknown)
            {
                changed(peer, PeerSyncState.Unknown);
            }
        }

        _peers.Clear();
    }

    /// <summary>What <paramref name="round"/>'s peers still owe, all told.</summary>
    public int Outstanding(SyncRound round)
    {
        var outstanding = 0;
        foreach (var key in round.Peers)
        {
            outstanding += _peers.TryGetValue(key, out var owed) ? owed.Count : 0;
        }

        return outstanding;
    }

    /// <summary>The record of the peer behind <paramref name="key"/>, made if it is new.</summary>
    private Owed Know((Transport Transport, string Peer) key)
    {
        if (_peers.TryGetValue(key, out var owed))
        {
            return owed;
        }

        if (_peers.Count >= ForgetAbove)
        {
            Forget();
        }

        owed = new Owed();
        _peers.Add(key, owed);
        return owed;
    }

    private void EndFinishedRounds()
    {
        for (var i = _rounds.Count - 1; i >= 0; i--)
        {
            var round = _rounds[i];
            if (round.Peers.Count > 0 && Outstanding(round) == 0)
            {
                _rounds.RemoveAt(i);
                ended(round, null);
            }
        }
    }

    /// <summary>Records a peer's new state, and tells it if the peer is followed.</summary>
    private void Set(string peer, Owed owed, PeerSyncState state)
    {
        if (owed.State != state)
        {
            owed.State = state;
            if (owed.Acknowledges)
            {
                changed(peer, state);
            }
        }
    }

    /// <summary>
    /// Lets go of the peers that owe nothing and no sync waits for; if that is not enough (many
    /// ids that were asked and never answered), of every peer no sync waits for.
    /// </summary>
    private void Forget()
    {
        foreach (var (key, owed) in _peers)
        {
            if (owed.Count == 0 && !IsAwaited(key))
            {
                _peers.Remove(key);
            }
        }

        if (_peers.Count >= ForgetAbove)
        {
            foreach (var key in _peers.Keys)
            {
                if (!IsAwaited(key))
                {
                    _peers.Remove(key);
                }
            }
        }
    }

    private bool IsAwaited((Transport Transport, string Peer) key) => _rounds.Exists(round => round.Peers.Contains(key));

    /// <summary>How many answers a peer owes, whether it acknowledges at all, and the state last recorded for it.</summary>
    private sealed class Owed
    {
        public int Count { get; set; }

        public bool Acknowledges { get; set; }

        public PeerSyncState State { get; set; }
    }
}
