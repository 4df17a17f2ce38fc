namespace Synclets.Engine;

/// <summary>
/// Which peers were already reported as mismatched, so each peer and kind is reported once however
/// many messages it sends. Bounded: peer ids come from the network, so past
/// <see cref="MaxRemembered"/> further peers are neither reported nor counted (their messages still
/// are, where they are dropped). Thread-safe.
/// </summary>
internal sealed class PeerMismatches
{
    /// <summary>How many peer and kind pairs are remembered.</summary>
    public const int MaxRemembered = 1_024;

    private readonly HashSet<(string Peer, PeerMismatchKind Kind)> _reported = [];
    private readonly Lock _gate = new();

    /// <summary>Whether this peer's mismatch of this kind is new and should be reported (and remembers it).</summary>
    public bool IsNew(string peer, PeerMismatchKind kind)
    {
        lock (_gate)
        {
            return _reported.Count < MaxRemembered && _reported.Add((peer, kind));
        }
    }
}
