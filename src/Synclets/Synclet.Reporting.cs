using Microsoft.Extensions.Logging;
using Synclets.Protocol;

namespace Synclets;

/// <summary>Raising events: changes, and received writes that were not simply applied (too far ahead, or in conflict).</summary>
public sealed partial class Synclet
{
    private void ReportClockSkew(string from, List<RefusedWrite> refused)
    {
        Statistics.CountWritesTooFarAhead(refused.Count);
        _logger.LogWarning("[{SyncletId}] refused {Count} writes from {Peer} stamped more than the allowed clock skew ahead", Id, refused.Count, from);
        if (ClockSkewDetected is { } handlers)
        {
            foreach (var write in refused)
            {
                Raise(handlers, this, new ClockSkewEventArgs(from, write.Address, write.Timestamp, write.Ahead), nameof(ClockSkewDetected));
            }
        }
    }

    private void ReportConflicts(string from, List<MetWrite> conflicts)
    {
        Statistics.CountConflicts(conflicts.Count);
        if (AtomConflict is { } handlers)
        {
            foreach (var conflict in conflicts)
            {
                Raise(handlers, this, new AtomConflictEventArgs(from, conflict.Address, conflict.LocalAtom, conflict.LocalTimestamp, conflict.RemoteAtom, conflict.RemoteTimestamp), nameof(AtomConflict));
            }
        }
    }

    /// <summary>
    /// Runs each handler in turn; one that throws is logged, and stops neither the others nor the
    /// sync. Typed tables raise their own events through it too.
    /// </summary>
    internal void Raise<TArgs>(EventHandler<TArgs> handlers, object sender, TArgs args, string name)
    {
        // Enumerated without copying the list: AtomChanged is raised for every change.
        foreach (var handler in Delegate.EnumerateInvocationList(handlers))
        {
            try
            {
                handler(sender, args);
            }
            catch (Exception exception)
            {
                _logger.LogError(exception, "[{SyncletId}] an {Event} handler failed", Id, name);
            }
        }
    }
}
