using Microsoft.Playwright;
using Synclets.Conformance.Support;

namespace Synclets.Browser.Tests.Support;

/// <summary>
/// The system's headless Chromium (Debian's <c>chromium</c> package), driven by Playwright, and the
/// TodoWeb host serving the app: started once for every browser test.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>Where Debian installs Chromium; <c>SYNCLETS_CHROMIUM</c> names another.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("SYNCLETS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>A published TodoWeb host to test instead of the build (<c>SYNCLETS_TODOWEB_HOST</c>: the path of its TodoWeb.Server.dll).</summary>
    public static string? PublishedHost => Environment.GetEnvironmentVariable("SYNCLETS_TODOWEB_HOST") is { Length: > 0 } path ? path : null;

    private IPlaywright? _playwright;
    private ServerProcess? _host;

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The address of the TodoWeb app.</summary>
    public Uri App => _host!.HttpUrl;

    /// <summary>What the TodoWeb host printed.</summary>
    public string HostOutput => _host is null ? string.Empty : string.Join(Environment.NewLine, _host.Output);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"no Chromium at {ExecutablePath}: install Debian's chromium package (.ci/run does)");
        _host = await StartHostAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // A closed network: no calls home, no background services that would try.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>
    /// The TodoWeb host as built (in Development, which serves a build's static web assets through
    /// their manifest) or as published (in Production), run from its own directory.
    /// </summary>
    private static Task<ServerProcess> StartHostAsync()
    {
        var (path, environment) = PublishedHost is { } published ? (published, "Production") : (ServerProcess.BuiltApp("TodoWebServer"), "Development");
        return ServerProcess.StartAppAsync(
            path,
            "http://127.0.0.1:0",
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = environment },
            Path.GetDirectoryName(path)!);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

/// <summary>The tests that share one Chromium and one app host.</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<Chromium>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Chromium";
}
