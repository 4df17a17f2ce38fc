using System.Text.RegularExpressions;

namespace Synclets.Tests.Docs;

/// <summary>
/// Every C# block of the README is a region of docs/Snippets, which the solution compiles, so a
/// snippet cannot drift from the API. A block may open with using directives that its region's file has.
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    private static readonly string Root = RepositoryRoot();

    [Fact]
    public void Every_csharp_block_of_the_README_is_a_compiled_snippet_and_every_snippet_is_shown()
    {
        var regions = Regions();
        var blocks = ReadmeBlocks();

        Assert.NotEmpty(blocks);
        foreach (var block in blocks)
        {
            Assert.True(block.Name is not null, $"The C# block at README.md line {block.Line} has no <!-- snippet: name --> line before it.");
            Assert.True(regions.TryGetValue(block.Name, out var region), $"README.md line {block.Line} names snippet '{block.Name}', which no '#region readme: {block.Name}' in docs/Snippets has.");
            var (usings, code) = SplitUsings(block.Lines);
            Assert.Equal(region.Lines, code);
            Assert.All(usings, line => Assert.True(region.FileUsings.Contains(line), $"README.md line {block.Line} shows '{line}', which {region.File} does not have."));
        }

        Assert.Equal(regions.Keys.Order(), blocks.Select(block => block.Name!).Order());   // each shown once
    }

    private static List<(int Line, string? Name, List<string> Lines)> ReadmeBlocks()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "README.md"));
        var blocks = new List<(int, string?, List<string>)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i] != "```csharp")
            {
                continue;
            }

            var name = i > 0 && SnippetMarker().Match(lines[i - 1]) is { Success: true } marker ? marker.Groups[1].Value : null;
            var body = new List<string>();
            for (i++; lines[i] != "```"; i++)
            {
                body.Add(lines[i]);
            }

            blocks.Add((i - body.Count, name, body));
        }

        return blocks;
    }

    private static Dictionary<string, (string File, List<string> Lines, HashSet<string> FileUsings)> Regions()
    {
        var regions = new Dictionary<string, (string, List<string>, HashSet<string>)>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(Path.Combine(Root, "docs", "Snippets"), "*.cs"))
        {
            var lines = File.ReadAllLines(path);
            var usings = lines.Where(line => line.StartsWith("using ", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < lines.Length; i++)
            {
                if (RegionStart().Match(lines[i]) is not { Success: true } start)
                {
                    continue;
                }

                var body = new List<string>();
                for (i++; lines[i].Trim() != "#endregion"; i++)
                {
                    body.Add(lines[i]);
                }

                var indent = body.Where(line => line.Trim().Length > 0).Min(line => line.Length - line.TrimStart().Length);
                regions.Add(start.Groups[1].Value, (Path.GetFileName(path), [.. body.Select(line => line.Length >= indent ? line[indent..] : line.Trim())], usings));
            }
        }

        return regions;
    }

    /// <summary>A block's leading using directives (and the blank line after them), and the rest.</summary>
    private static (List<string> Usings, List<string> Code) SplitUsings(List<string> lines)
    {
        var count = lines.TakeWhile(line => line.StartsWith("using ", StringComparison.Ordinal)).Count();
        var skip = count > 0 && count < lines.Count && lines[count].Length == 0 ? count + 1 : count;
        return ([.. lines.Take(count)], [.. lines.Skip(skip)]);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Synclets.Generators.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("No Synclets.Generators.sln above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^<!-- snippet: ([\w-]+) -->$")]
    private static partial Regex SnippetMarker();

    [GeneratedRegex(@"^\s*#region readme: ([\w-]+)\s*$")]
    private static partial Regex RegionStart();
}
