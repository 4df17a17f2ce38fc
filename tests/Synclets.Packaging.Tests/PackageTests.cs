using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;

namespace Synclets.Packaging.Tests;

/// <summary>
/// The packages work as packages: each is packed (without warnings, with its metadata, readme and
/// symbols), then an app outside the solution restores Synclets from them alone, has its record
/// compiled by the packaged generator, and syncs two SQLite synclets through the packaged broker.
/// </summary>
public sealed class PackageTests
{
    private const string Version = "0.1.0-preview.1";

    private static readonly string[] Packages =
        ["Synclets", "Synclets.Relational", "Synclets.Sqlite", "Synclets.Postgres", "Synclets.WebSockets", "Synclets.WebSockets.Server", "Synclets.Hosting"];

    private static readonly string Root = Path.GetFullPath(Metadata("RepositoryRoot"));
    private static readonly string Packaging = Path.Combine(Root, "tests", "Packaging");
    private static readonly string Feed = Path.Combine(Packaging, "feed");

    [Fact]
    public async Task Every_package_packs_cleanly_and_an_app_built_from_them_alone_syncs()
    {
        if (Directory.Exists(Feed))
        {
            Directory.Delete(Feed, recursive: true);
        }

        foreach (var package in Packages)
        {
            var pack = await RunAsync("dotnet", "pack", Path.Combine(Root, "src", package), "--no-build", "-c", Metadata("Configuration"), "-o", Feed, "-nologo");
            Assert.True(pack.ExitCode == 0, $"Packing {package} failed:\n{pack.Output}");
            Assert.DoesNotContain("warning", pack.Output, StringComparison.OrdinalIgnoreCase);
            AssertWellFormed(package);
        }

        // A fresh restore of this version: a copy cached by an earlier run would hide a broken pack.
        var packages = Path.Combine(Packaging, "Consumer", "obj", "packages");
        foreach (var cached in Directory.Exists(packages) ? Directory.GetDirectories(packages, "synclets*") : [])
        {
            Directory.Delete(cached, recursive: true);
        }

        var run = await RunAsync("dotnet", "run", "--project", Path.Combine(Packaging, "Consumer"), "-nologo");
        Assert.True(run.ExitCode == 0, $"The consumer failed:\n{run.Output}");
        Assert.Contains("bob has: Written by alice", run.Output);
    }

    /// <summary>The package's metadata, readme, symbols, and for Synclets the generator.</summary>
    private static void AssertWellFormed(string package)
    {
        Assert.True(File.Exists(Path.Combine(Feed, $"{package}.{Version}.snupkg")), $"{package} has no symbols package.");
        using var archive = ZipFile.OpenRead(Path.Combine(Feed, $"{package}.{Version}.nupkg"));
        var entries = archive.Entries.Select(entry => entry.FullName).ToList();
        Assert.Contains("README.md", entries);
        Assert.Contains($"lib/net10.0/{package}.dll", entries);
        Assert.Contains($"lib/net10.0/{package}.xml", entries);
        if (package == "Synclets")
        {
            Assert.Contains("analyzers/dotnet/cs/Synclets.Generators.dll", entries);
        }

        using var nuspec = archive.GetEntry($"{package}.nuspec")!.Open();
        var metadata = XDocument.Load(nuspec).Root!.Elements().Single(element => element.Name.LocalName == "metadata");
        string Field(string name) => metadata.Elements().SingleOrDefault(element => element.Name.LocalName == name)?.Value ?? string.Empty;
        Assert.Equal(Version, Field("version"));
        Assert.Equal("Synclets contributors", Field("authors"));
        Assert.Equal("MIT", Field("license"));
        Assert.Equal("README.md", Field("readme"));
        Assert.NotEmpty(Field("description"));
        Assert.Contains("synclets", Field("tags").Split(' '));
        Assert.Empty(Field("projectUrl"));   // no address that does not exist
        // The generator reaches an app that names only this package: its dependency on Synclets keeps the analyzers.
        Assert.DoesNotContain(metadata.Descendants().Where(element => element.Name.LocalName == "dependency"),
            dependency => dependency.Attribute("id")!.Value == "Synclets" && dependency.Attribute("exclude")?.Value.Contains("Analyzers") == true);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string command, params string[] arguments)
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
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        return (process.ExitCode, await output + await error);
    }

    private static string Metadata(string key) =>
        typeof(PackageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value!;
}
