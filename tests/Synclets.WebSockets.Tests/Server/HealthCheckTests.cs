using Microsoft.Extensions.Diagnostics.HealthChecks;
using Synclets.WebSockets.Server;
using Synclets.WebSockets.Server.Diagnostics;

namespace Synclets.WebSockets.Tests.Server;

/// <summary>The broker's health: healthy while serving, degraded near its backlog limit, unhealthy once stopping.</summary>
public sealed class HealthCheckTests
{
    [Fact]
    public async Task Healthy_while_serving_degraded_near_the_backlog_limit_unhealthy_once_stopping()
    {
        await using var server = new WsServer(new WsServerOptions { MaxQueuedBytes = 32 * 1024 * 1024 });
        var check = new WsServerHealthCheck(server);

        var serving = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, serving.Status);
        Assert.Equal(0, serving.Data["connections"]);

        Assert.True(server.Statistics.TryReserveQueuedBytes(30 * 1024 * 1024, server.Options.MaxQueuedBytes));
        var behind = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, behind.Status);
        Assert.Contains("near the limit", behind.Description);
        server.Statistics.ReleaseQueuedBytes(30 * 1024 * 1024);

        server.StopServing();
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }
}
