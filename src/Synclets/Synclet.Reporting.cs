using Microsoft.Extensions.Logging;
using Synclets.Clocks;
using Synclets.Protocol;

namespace Synclets;

/// <summary>Telling handlers about received writes that were not simply applied: too far ahead, or in conflict.</summary>
public sealed partial class Synclet
{
    private void ReportClockSkew(string from, List<MetWrite> refused)
    {
        Statistics.CountWritesTooFarAhead(refused.Count);
        _logger.LogWarning("[{SyncletId}] refused {Count} writes from {Peer} stamped more than the allowed clock skew ahead", Id, refused.Count, from);
        if (ClockSkewDetected is not { } handlers)
        {
            return;
        }

        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var write in refused)
        {
            HybridLogicalClock.TryDecode(write.RemoteTimestamp, out var logicalTime, out _);
            Raise(handlers, new ClockSkewEventArgs(from, write.Address, write.RemoteTimestamp, TimeSpan.FromMilliseconds(logicalTime - now)), nameof(ClockSkewDetected));
        }
    }

    private void ReportConflicts(string from, List<MetWrite> conflicts)
    {
        Statistics.CountConflicts(conflicts.Count);
        if (AtomConflict is not { } handlers)
        {
            return;
        }

        foreach (var conflict in conflicts)
        {
            Raise(handlers, new AtomConflictEventArgs(from, conflict.Address, conflict.LocalAtom, conflict.LocalTimestamp, conflict.RemoteAtom, conflict.RemoteTimestamp), nameof(AtomConflict));
        }
    }

    /// <summary>Runs a handler; one that throws is logged, and neither stops the others nor the sync.</summary>
    private void Raise<TArgs>(EventHandler<TArgs> handlers, TArgs args, string name)
    {
        try
        {
            handlers(this, args);
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "[{SyncletId}] an {Event} handler failed", Id, name);
        }
    }
}
