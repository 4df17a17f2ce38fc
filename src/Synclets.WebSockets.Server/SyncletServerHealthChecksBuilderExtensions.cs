using Microsoft.Extensions.Diagnostics.HealthChecks;
using Synclets.WebSockets.Server;
using Synclets.WebSockets.Server.Diagnostics;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the broker's health to ASP.NET Core health checks.</summary>
public static class SyncletServerHealthChecksBuilderExtensions
{
    /// <summary>
    /// Checks the <see cref="WsServer"/> registered with <c>services.AddSyncletServer()</c> (see
    /// <see cref="WsServerHealthCheck"/>); map it with <c>app.MapHealthChecks("/healthz")</c>.
    /// </summary>
    /// <param name="builder">The application's health checks.</param>
    /// <param name="name">The check's name in reports.</param>
    /// <param name="tags">Tags to filter checks by (as in <c>HealthCheckOptions.Predicate</c>).</param>
    public static IHealthChecksBuilder AddSyncletServer(this IHealthChecksBuilder builder, string name = "synclets-server", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(
            name,
            provider => new WsServerHealthCheck(provider.GetRequiredService<WsServer>()),
            HealthStatus.Unhealthy,
            tags));
    }
}
