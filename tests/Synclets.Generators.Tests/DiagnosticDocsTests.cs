using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Synclets.Generators.Diagnostics;

namespace Synclets.Generators.Tests;

/// <summary>Every diagnostic links to its own section of docs/diagnostics.md, and that section exists.</summary>
public sealed partial class DiagnosticDocsTests
{
    [Fact]
    public void Every_diagnostic_has_a_help_link_to_its_section_of_the_diagnostics_page()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"));
        var sections = SectionHeading().Matches(page).Select(match => match.Groups[1].Value).ToHashSet();
        var descriptors = typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => field.GetValue(null)).OfType<DiagnosticDescriptor>().ToList();

        Assert.Equal(17, descriptors.Count);
        Assert.All(descriptors, descriptor =>
        {
            Assert.Equal($"docs/diagnostics.md#{descriptor.Id.ToLowerInvariant()}", descriptor.HelpLinkUri);
            Assert.Contains(descriptor.Id, sections);
        });
        Assert.Equal(descriptors.Select(descriptor => descriptor.Id).Order(), sections.Order());
    }

    /// <summary>The folder holding the solution, found upwards from the test's output folder.</summary>
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

    [GeneratedRegex(@"^## (SYN\d{3})$", RegexOptions.Multiline)]
    private static partial Regex SectionHeading();
}
