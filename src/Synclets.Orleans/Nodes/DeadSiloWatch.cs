using Microsoft.Extensions.Logging;

namespace Synclets.Orleans.Nodes;

/// <summary>
/// Watches the cluster's membership from a silo and calls back each time a silo is declared dead:
/// the rooms whose grains it held are activated elsewhere, knowing no node, so every node tells them
/// its members at once instead of at its next heartbeat.
/// </summary>
internal sealed class DeadSiloWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    public DeadSiloWatch(IClusterMembershipService membership, Action deadSilo, ILogger logger) =>
        _watching = Task.Run(() => WatchAsync(membership, deadSilo, logger));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _watching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task WatchAsync(IClusterMembershipService membership, Action deadSilo, ILogger logger)
    {
        // Silos that died before this one started held nothing of this node's rooms.
        var dead = DeadIn(membership.CurrentSnapshot);
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stop.Token).ConfigureAwait(false))
            {
                var newlyDead = DeadIn(snapshot).Count(dead.Add);
                if (newlyDead > 0)
                {
                    logger.LogInformation("{Count} silo(s) declared dead: telling every room's grain this node's members again", newlyDead);
                    deadSilo();
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private static HashSet<SiloAddress> DeadIn(ClusterMembershipSnapshot snapshot) =>
        [.. snapshot.Members.Values.Where(member => member.Status == SiloStatus.Dead).Select(member => member.SiloAddress)];
}
