using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Synclets.Diagnostics;
using Synclets.WebSockets.Server.Diagnostics;

namespace Snippets;

internal static class Observability
{
    public static void OpenTelemetryMetrics(WebApplicationBuilder builder)
    {
        #region readme: metrics-opentelemetry
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(SyncletDiagnostics.MeterName, WsServerDiagnostics.MeterName)   // "Synclets", "Synclets.Server"
            .AddConsoleExporter());                                                  // or OTLP, Prometheus…
        #endregion
    }
}
