using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Synclets.Tool.Serve;

/// <summary>Whether the rooms' store can be reached: unhealthy, with the store's own words, when it cannot.</summary>
internal sealed class RoomStoreHealthCheck(IRoomStore rooms) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await rooms.CheckAsync(cancellationToken);
            return HealthCheckResult.Healthy($"The rooms' store, {rooms.Description}, answers.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The rooms' store, {rooms.Description}, cannot be reached: {exception.Message}");
        }
    }
}
