using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Synclets.Conformance.Support;
using Synclets.WebSockets.Server;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Server;

/// <summary>The broker inside an application of the user's own.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task An_application_serves_rooms_under_its_own_route()
    {
        await using var app = await StartAppAsync(new WsServerOptions { MaxClientsPerRoom = 10 }, "/sync/{**room}");
        var address = AddressOf(app);
        var room = new Uri($"ws://{address.Authority}/sync/teams/blue");

        await using var writer = await Peers.StartClientAsync("writer", room);
        await using var reader = await Peers.StartClientAsync("reader", room);
        await writer.SetAtomAsync(new Address("k"), "v");

        await Peers.HasAsync(reader, new Address("k"), "v");
        var server = app.Services.GetRequiredService<WsServer>();
        Assert.Equal(["teams/blue"], server.GetRoomIds());
        Assert.Equal(10, server.Options.MaxClientsPerRoom);
        using var http = new HttpClient();
        Assert.Equal("the application's own page", await http.GetStringAsync(address));
    }

    [Fact]
    public async Task Connected_clients_do_not_hold_up_the_applications_shutdown()
    {
        await using var app = await StartAppAsync(new WsServerOptions(), "/{**room}");
        await using var client = await RawPeer.ConnectAsync(new Uri($"ws://{AddressOf(app).Authority}/room"));

        // The host's default shutdown timeout is 30 s; a connection kept open would use all of it.
        await app.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(app.Services.GetRequiredService<WsServer>().GetRoomIds());
    }

    [Fact]
    public void Mapping_without_a_registered_server_says_what_to_do()
    {
        var app = WebApplication.CreateSlimBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapSyncletServer("/{**room}"));

        Assert.Contains("AddSyncletServer", error.Message);
    }

    /// <summary>An application of its own, with a page beside the broker.</summary>
    private static async Task<WebApplication> StartAppAsync(WsServerOptions options, string pattern)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Loopback.AnyPort);
        builder.Services.AddSyncletServer(options);
        var app = builder.Build();
        app.MapGet("/", () => "the application's own page");
        app.MapSyncletServer(pattern);
        await app.StartAsync();
        return app;
    }

    private static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
