using System.IO.Compression;
using System.Xml.Linq;

namespace Synclets.Packaging.Tests;

/// <summary>
/// The packages work as packages: each is packed (without warnings, with its metadata, readme and
/// symbols), then an app outside the solution restores Synclets from them alone, has its record
/// compiled by the packaged generator, and syncs two SQLite synclets through the packaged broker.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class PackageTests(PackedFeed feed)
{
    [Fact]
    public async Task Every_package_packs_cleanly_and_an_app_built_from_them_alone_syncs()
    {
        foreach (var package in PackedFeed.Packages)
        {
            Assert.DoesNotContain("warning", feed.PackOutput[package], StringComparison.OrdinalIgnoreCase);
            AssertWellFormed(package);
        }

        // A fresh restore of this version: a copy cached by an earlier run would hide a broken pack.
        var packages = Path.Combine(PackedFeed.Packaging, "Consumer", "obj", "packages");
        foreach (var cached in Directory.Exists(packages) ? Directory.GetDirectories(packages, "synclets*") : [])
        {
            Directory.Delete(cached, recursive: true);
        }

        var run = await PackedFeed.RunAsync("dotnet", "run", "--project", Path.Combine(PackedFeed.Packaging, "Consumer"), "-nologo");
        Assert.True(run.ExitCode == 0, $"The consumer failed:\n{run.Output}");
        Assert.Contains("bob has: Written by alice", run.Output);
    }

    /// <summary>The package's metadata, readme, symbols, and for Synclets the generator.</summary>
    private static void AssertWellFormed(string package)
    {
        const string Version = PackedFeed.Version;
        var feed = PackedFeed.Feed;
        Assert.True(File.Exists(Path.Combine(feed, $"{package}.{Version}.snupkg")), $"{package} has no symbols package.");
        using var archive = ZipFile.OpenRead(Path.Combine(feed, $"{package}.{Version}.nupkg"));
        var entries = archive.Entries.Select(entry => entry.FullName).ToList();
        Assert.Contains("README.md", entries);
        if (package == "Synclets.Tool")
        {
            Assert.Contains(entries, entry => entry.StartsWith("tools/net10.0/any/", StringComparison.Ordinal) && entry.EndsWith("/Synclets.Tool.dll", StringComparison.Ordinal) || entry == "tools/net10.0/any/Synclets.Tool.dll");
        }
        else
        {
            Assert.Contains($"lib/net10.0/{package}.dll", entries);
            Assert.Contains($"lib/net10.0/{package}.xml", entries);
        }

        if (package == "Synclets")
        {
            Assert.Contains("analyzers/dotnet/cs/Synclets.Generators.dll", entries);
        }

        if (package == "Synclets.Browser")
        {
            // The ES module ships as a static web asset, which a Blazor app serves under _content/Synclets.Browser/.
            Assert.Contains("staticwebassets/synclets-browser.js", entries);
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
}
