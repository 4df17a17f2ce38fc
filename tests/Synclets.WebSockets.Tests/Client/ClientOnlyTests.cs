using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Synclets.Conformance.Support;
using Synclets.WebSockets.Client;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Client;

/// <summary>
/// The client package needs no ASP.NET Core: an app that only uses it runs on the base runtime
/// alone (as MAUI and browser apps must), and it syncs through a broker.
/// </summary>
public sealed class ClientOnlyTests
{
    private static readonly string AppPath = typeof(ClientOnlyTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "ClientOnlyApp").Value!;

    [Fact]
    public void A_client_only_apps_runtimeconfig_names_only_the_base_runtime()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(AppPath, ".runtimeconfig.json")));
        var options = config.RootElement.GetProperty("runtimeOptions");
        var frameworks = options.TryGetProperty("frameworks", out var list)
            ? list.EnumerateArray().Select(framework => framework.GetProperty("name").GetString()).ToList()
            : [options.GetProperty("framework").GetProperty("name").GetString()];

        Assert.Equal(["Microsoft.NETCore.App"], frameworks);
    }

    [Fact]
    public void The_client_assembly_references_nothing_of_ASP_NET_Core()
    {
        var references = typeof(WsClientTransport).Assembly.GetReferencedAssemblies().Select(name => name.Name!).ToList();

        Assert.Contains("Synclets", references);
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_client_only_app_syncs_through_a_broker()
    {
        await using var server = await Loopback.StartServerAsync();
        await using var peer = await Peers.StartClientAsync("peer", server.RoomUri("room"));
        using var app = Process.Start(new ProcessStartInfo("dotnet", [AppPath, server.RoomUri("room").ToString(), "hello"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;

        await Peers.HasAsync(peer, new Address("greeting"), "hello");
        await peer.SetAtomAsync(new Address("reply"), "hi");
        var output = await app.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await app.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, app.ExitCode);
        Assert.Contains("reply: \"hi\"", output);
    }
}
