using System.Reflection;
using Synclets.Generators.Tests.Support;

namespace Synclets.Generators.Tests;

/// <summary>The snapshot files stay in step with the tests that own them, and CI never rewrites them.</summary>
public class SnapshotHygieneTests
{
    // The classes whose tests write snapshots; a verified file must belong to one of their tests.
    private static readonly Type[] SnapshotClasses = [typeof(SnapshotTests)];

    [Fact]
    public void Every_verified_file_belongs_to_an_existing_test()
    {
        var orphans = Directory.GetFiles(Snapshot.SnapshotDirectory(), "*.verified.*")
            .Select(Path.GetFileName)
            .Where(name => !BelongsToATest(name!))
            .ToList();

        Assert.True(orphans.Count == 0, "Orphaned snapshots (their test is gone or renamed); delete them:\n" + string.Join("\n", orphans));
    }

    [Theory]
    [InlineData(null, null, SnapshotMode.Verify)]
    [InlineData(null, "true", SnapshotMode.Verify)]
    [InlineData("0", null, SnapshotMode.Verify)]
    [InlineData("1", null, SnapshotMode.Accept)]
    [InlineData("1", "false", SnapshotMode.Accept)]
    [InlineData("1", "true", SnapshotMode.Refused)]
    [InlineData("1", "TRUE", SnapshotMode.Refused)]
    public void Accepting_snapshots_is_refused_under_CI(string? accept, string? ci, SnapshotMode expected) =>
        Assert.Equal(expected, SnapshotModes.From(accept, ci));

    private static bool BelongsToATest(string fileName)
    {
        // {Class}.{Method}#{HintName}.verified.cs or {Class}.{Method}.verified.txt
        var owner = fileName.Split('#')[0];
        owner = owner.EndsWith(".verified.txt", StringComparison.Ordinal) ? owner[..^".verified.txt".Length] : owner;
        var dot = owner.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return false;
        }

        var (className, methodName) = (owner[..dot], owner[(dot + 1)..]);
        return SnapshotClasses.Any(type => type.Name == className && type.GetMethod(methodName, BindingFlags.Public | BindingFlags.Instance) is not null);
    }
}
