using System.Diagnostics;
using System.Reflection;

namespace Synclets.Packaging.Tests;

/// <summary>
/// Every package of the repository packed once into tests/Packaging/feed (the builds the solution
/// made, not rebuilt), and the synclets tool installed from there into a tool path of its own.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    public const string Version = "0.1.0-preview.1";

    public static readonly string[] Packages =
        ["Synclets", "Synclets.Relational", "Synclets.Sqlite", "Synclets.Postgres", "Synclets.WebSockets", "Synclets.WebSockets.Server", "Synclets.Hosting", "Synclets.Browser", "Synclets.Orleans", "Synclets.Tool"];

    private readonly SemaphoreSlim _installing = new(1, 1);
    private string? _tool;

    public static string Root { get; } = Path.GetFullPath(Metadata("RepositoryRoot"));

    public static string Packaging { get; } = Path.Combine(Root, "tests", "Packaging");

    public static string Feed { get; } = Path.Combine(Packaging, "feed");

    /// <summary>What each <c>dotnet pack</c> printed, by package.</summary>
    public Dictionary<string, string> PackOutput { get; } = [];

    public async Task InitializeAsync()
    {
        if (Directory.Exists(Feed))
        {
            Directory.Delete(Feed, recursive: true);
        }

        foreach (var package in Packages)
        {
            var pack = await RunAsync("dotnet", "pack", Path.Combine(Root, "src", package), "--no-build", "-c", Metadata("Configuration"), "-o", Feed, "-nologo");
            Assert.True(pack.ExitCode == 0, $"Packing {package} failed:\n{pack.Output}");
            PackOutput[package] = pack.Output;
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Installs the tool from the feed (once) into a fresh tool path; the path of its <c>synclets</c> command.</summary>
    public async Task<string> InstallToolAsync()
    {
        await _installing.WaitAsync();
        try
        {
            if (_tool is null)
            {
                var toolPath = Directory.CreateTempSubdirectory("synclets-tool-path").FullName;
                var install = await RunAsync("dotnet", "tool", "install", "Synclets.Tool", "--version", Version, "--tool-path", toolPath,
                    "--configfile", Path.Combine(Packaging, "NuGet.config"));
                Assert.True(install.ExitCode == 0, $"Installing the tool failed:\n{install.Output}");
                _tool = Path.Combine(toolPath, "synclets");
            }

            return _tool;
        }
        finally
        {
            _installing.Release();
        }
    }

    /// <summary>Runs a command in tests/Packaging for at most ten minutes; its exit code and everything it printed.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(string command, params string[] arguments) =>
        RunWithinAsync(TimeSpan.FromMinutes(10), command, arguments);

    /// <summary>Runs a command in tests/Packaging for at most <paramref name="timeout"/>; its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunWithinAsync(TimeSpan timeout, string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Packaging,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(timeout);
        return (process.ExitCode, await output + await error);
    }

    private static string Metadata(string key) =>
        typeof(PackedFeed).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value!;
}

/// <summary>The tests that share the packed folder run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "Packages";
}
