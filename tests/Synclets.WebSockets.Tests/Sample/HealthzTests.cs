using System.Net;
using Synclets.Conformance.Support;
using Synclets.WebSockets.Tests.Support;

namespace Synclets.WebSockets.Tests.Sample;

/// <summary><c>synclets serve</c> answers <c>/healthz</c>: healthy while it serves and its rooms' store answers, unhealthy once the store is gone.</summary>
public sealed class HealthzTests
{
    [Fact]
    public async Task Healthz_is_healthy_and_turns_unhealthy_when_the_rooms_store_is_gone()
    {
        using var directory = new TempDirectory();
        await using var server = await ServerProcess.StartAsync("--store", Path.Combine(directory.Path, "sync.db"));
        using var http = new HttpClient { BaseAddress = new UriBuilder(server.Url) { Scheme = "http" }.Uri };

        var healthy = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("Healthy", await healthy.Content.ReadAsStringAsync());

        Directory.Delete(directory.Path, recursive: true);

        var unhealthy = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Equal("Unhealthy", await unhealthy.Content.ReadAsStringAsync());
    }
}
