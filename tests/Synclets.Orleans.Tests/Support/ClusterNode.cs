using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using Synclets.WebSockets.Server;

namespace Synclets.Orleans.Tests.Support;

/// <summary>One node of a test cluster: a silo and, beside it, Kestrel serving its <see cref="WsServer"/> on a loopback port.</summary>
internal sealed class ClusterNode : IAsyncDisposable
{
    private WebApplication? _web;

    private ClusterNode(InProcessSiloHandle silo, WebApplication web, WsServer server, Uri url)
    {
        Silo = silo;
        _web = web;
        Server = server;
        Url = url;
    }

    public InProcessSiloHandle Silo { get; }

    public WsServer Server { get; }

    /// <summary>The node's WebSocket address, <c>ws://127.0.0.1:port/</c>.</summary>
    public Uri Url { get; }

    /// <summary>Starts Kestrel for a silo, its WebSocket server taken from the silo's services (<c>AddSyncletCluster</c>).</summary>
    public static async Task<ClusterNode> StartAsync(InProcessSiloHandle silo)
    {
        var server = silo.ServiceProvider.GetRequiredService<WsServer>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var web = builder.Build();
        web.MapSyncletServer("/{**room}", server);
        await web.StartAsync();
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ClusterNode(silo, web, server, new UriBuilder(address) { Scheme = "ws" }.Uri);
    }

    /// <summary>The address of room <paramref name="roomId"/> on this node.</summary>
    public Uri RoomUri(string roomId) => new(Url, Uri.EscapeDataString(roomId));

    /// <summary>Stops serving WebSockets: every client of the node is disconnected at once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _web, null) is { } web)
        {
            Server.StopServing();
            await web.StopAsync();
            await web.DisposeAsync();
        }
    }
}
