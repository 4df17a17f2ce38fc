using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Synclets.WebSockets.Server.Diagnostics;

/// <summary>
/// The broker's health for ASP.NET Core health checks: unhealthy once it stops serving, degraded
/// while its clients' backlogs together pass 80 % of <see cref="WsServerOptions.MaxQueuedBytes"/>
/// (past the limit it starts disconnecting the slowest), healthy otherwise. Register it with
/// <c>services.AddHealthChecks().AddSyncletServer()</c>.
/// </summary>
public sealed class WsServerHealthCheck(WsServer server) : IHealthCheck
{
    /// <summary>The share of <see cref="WsServerOptions.MaxQueuedBytes"/> past which the server reports itself degraded.</summary>
    public const double DegradedBacklogShare = 0.8;

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var queued = server.Statistics.QueuedBytes;
        var data = new Dictionary<string, object>
        {
            ["connections"] = server.ClientCount,
            ["rooms"] = server.RoomCount,
            ["backlogBytes"] = queued,
        };
        var result = server.Stopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("The server is stopping.", data: data)
            : queued >= server.Options.MaxQueuedBytes * DegradedBacklogShare
                ? HealthCheckResult.Degraded($"The clients' backlogs hold {queued} bytes, near the limit of {server.Options.MaxQueuedBytes}.", data: data)
            : HealthCheckResult.Healthy("Serving.", data);
        return Task.FromResult(result);
    }
}
