using Microsoft.Extensions.Logging;
using Synclets.Engine;

namespace Synclets;

/// <summary>
/// Anti-entropy: while started, the synclet compares its whole tree with every peer every
/// <see cref="SyncletOptions.SyncInterval"/> (jittered), so whatever a lost, late or refused message
/// left out is found by its hash and repaired, without a restart.
/// </summary>
public sealed partial class Synclet
{
    // Written on the queue, read by the timer's callback.
    private volatile ITimer? _periodicSync;

    /// <summary>Arms the first periodic sync; runs on the queue as the synclet starts.</summary>
    private void StartPeriodicSyncs()
    {
        if (_syncInterval == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        // One-shot, re-armed after each sync has been sent: a busy queue delays the next sync
        // rather than piling syncs up behind it.
        _periodicSync = _timeProvider.CreateTimer(
            static state => ((Synclet)state!).QueuePeriodicSync(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _periodicSync.Change(NextSyncDelay(), Timeout.InfiniteTimeSpan);
    }

    private async ValueTask StopPeriodicSyncsAsync()
    {
        if (_periodicSync is { } timer)
        {
            _periodicSync = null;
            await timer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void QueuePeriodicSync() => _queue.Post(new PeriodicSync(this, _periodicSync));

    private TimeSpan NextSyncDelay() => _syncInterval * (0.8 + (0.4 * Random.Shared.NextDouble()));

    /// <summary>One periodic sync on the queue; it re-arms its timer unless the synclet stopped meanwhile.</summary>
    private sealed class PeriodicSync(Synclet synclet, ITimer? timer) : IQueuedOperation
    {
        public async Task RunAsync()
        {
            if (timer is null || !ReferenceEquals(timer, synclet._periodicSync))
            {
                return;
            }

            try
            {
                await synclet.SyncNowAsync(Address.Root, synclet.Transports, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                synclet._logger.LogError(exception, "[{SyncletId}] a periodic sync failed; the next one retries", synclet.Id);
            }
            finally
            {
                if (ReferenceEquals(timer, synclet._periodicSync))
                {
                    timer.Change(synclet.NextSyncDelay(), Timeout.InfiniteTimeSpan);
                }
            }
        }
    }
}
