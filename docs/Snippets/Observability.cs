using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Synclets.Diagnostics;
using Synclets.WebSockets.Server;
using Synclets.WebSockets.Server.Diagnostics;

namespace Snippets;

internal static class Observability
{
    public static void OpenTelemetryMetrics(WebApplicationBuilder builder)
    {
        #region readme: metrics-opentelemetry
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter(SyncletDiagnostics.MeterName, WsServerDiagnostics.MeterName)   // "Synclets", "Synclets.Server"
                .AddConsoleExporter())                                                   // or OTLP, Prometheus…
            .WithTracing(tracing => tracing
                .AddSource(SyncletDiagnostics.ActivitySourceName)                        // "Synclets"
                .AddConsoleExporter());
        #endregion
    }

    public static void HealthChecks(WebApplicationBuilder builder)
    {
        #region readme: health-checks
        builder.Services.AddSyncletServer();
        builder.Services.AddHealthChecks().AddSyncletServer();   // unhealthy once stopping, degraded near MaxQueuedBytes
        var app = builder.Build();
        app.MapHealthChecks("/healthz");
        app.MapSyncletServer("/sync/{**room}");
        #endregion
    }

    public static void Inspector(WebApplicationBuilder builder)
    {
        #region readme: inspector
        builder.Services.AddSyncletServer(new WsServerOptions { AuthorizeUpgrade = CheckTokenAsync });
        var app = builder.Build();
        app.MapSyncletInspector("/_synclets");    // the page; asks AuthorizeUpgrade as a client's upgrade does
        app.MapSyncletServer("/{**room}");
        #endregion
    }

    private static ValueTask<WsUpgradeDecision> CheckTokenAsync(WsUpgradeRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(request.HttpContext.Request.Query["token"] == "s3cret" ? WsUpgradeDecision.Accept : WsUpgradeDecision.Unauthorized);
}
