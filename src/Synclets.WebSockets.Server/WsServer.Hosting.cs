using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Synclets.WebSockets.Server;

/// <summary>Serving a broker on its own, without an application of the caller's.</summary>
public sealed partial class WsServer
{
    private WebApplication? _host;

    /// <summary>
    /// The server's WebSocket address (<c>ws://host:port/</c>) when it was started by
    /// <see cref="StartAsync(string, WsServerOptions?, ILoggerFactory?, CancellationToken)"/>, with the
    /// port it really bound (useful with port 0); null when served by the caller's application.
    /// </summary>
    public Uri? Url { get; private set; }

    /// <summary>
    /// Starts a broker on Kestrel listening at <paramref name="url"/> (e.g. <c>http://127.0.0.1:8043</c>,
    /// or port 0 for a free one); every path is a room. Dispose it to stop.
    /// </summary>
    /// <param name="url">The HTTP address to listen on.</param>
    /// <param name="options">Limits and hooks.</param>
    /// <param name="loggerFactory">Where the broker logs (nothing is logged when null).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="IOException">The address cannot be bound (for example, the port is in use).</exception>
    public static async Task<WsServer> StartAsync(string url, WsServerOptions? options = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        var server = new WsServer(options, loggerFactory);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        app.MapSyncletServer("/{**room}", server);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        server._host = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new UriBuilder(address) { Scheme = address.StartsWith("https", StringComparison.OrdinalIgnoreCase) ? "wss" : "ws" }.Uri;
        server.Logger.LogInformation("Synclets WebSocket server listening at {Url}", server.Url);
        return server;
    }

    private async Task StopHostAsync()
    {
        if (Interlocked.Exchange(ref _host, null) is { } host)
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await host.DisposeAsync().ConfigureAwait(false);
        }
    }
}
