using Microsoft.Extensions.Hosting;

namespace Synclets.Hosting;

/// <summary>
/// Runs one registered synclet with the host: started when the host starts, stopped and disposed
/// when it stops (what is queued is processed first; see <see cref="Synclet.StopAsync"/>).
/// </summary>
internal sealed class SyncletHostedService<TSynclet>(TSynclet typed, Func<TSynclet, Synclet> syncletOf) : IHostedService
    where TSynclet : class
{
    public Task StartAsync(CancellationToken cancellationToken) => syncletOf(typed).StartAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var synclet = syncletOf(typed);
        try
        {
            await synclet.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await synclet.DisposeAsync().ConfigureAwait(false);
        }
    }
}
