using Synclets.Transports;

namespace Synclets.Engine;

/// <summary>
/// The <see cref="PeerBudget"/> of every peer that asked something lately, by transport and peer id.
/// Peers come and go, so budgets that have refilled are forgotten once there are many: a full
/// bucket is what a new peer gets anyway. Used on the synclet's queue only.
/// </summary>
/// <param name="options">The budget of each peer.</param>
/// <param name="timeProvider">The clock budgets refill by.</param>
/// <param name="pauses">Makes, for a peer behind a transport, where long answers to it pause.</param>
internal sealed class PeerBudgets(PeerBudgetOptions options, TimeProvider timeProvider, Func<Transport, string, Func<Protocol.Exchange, ValueTask>> pauses)
{
    /// <summary>How many budgets are kept before full ones are forgotten.</summary>
    private const int ForgetFullAbove = 1_024;

    private readonly Dictionary<(Transport Transport, string Peer), PeerBudget> _budgets = [];

    /// <summary>The budget of <paramref name="peer"/> behind <paramref name="transport"/>.</summary>
    public PeerBudget Of(Transport transport, string peer)
    {
        if (_budgets.TryGetValue((transport, peer), out var budget))
        {
            return budget;
        }

        if (_budgets.Count >= ForgetFullAbove)
        {
            foreach (var (key, kept) in _budgets)
            {
                if (kept.IsFull)
                {
                    _budgets.Remove(key);
                }
            }
        }

        budget = new PeerBudget(options, timeProvider, () => transport.HasPeer(peer)) { PauseForLocalCalls = pauses(transport, peer) };
        _budgets.Add((transport, peer), budget);
        return budget;
    }
}
