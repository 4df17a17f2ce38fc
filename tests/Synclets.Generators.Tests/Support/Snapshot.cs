using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Synclets.Generators.Tests.Support;

/// <summary>
/// Snapshot checks with Verify's file conventions, so Verify.SourceGenerators can replace this
/// helper later: <c>Snapshots/{Class}.{Method}#{HintName}.verified.cs</c> per generated file (first
/// line <c>//HintName: …</c>) and <c>Snapshots/{Class}.{Method}.verified.txt</c> for diagnostics.
/// The source directory comes from [CallerFilePath], so tests running from bin/ find it.
/// </summary>
internal static class Snapshot
{
    public const string Directory = "Snapshots";

    public static void Verify(GeneratorRunResult result, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        var mode = SnapshotModes.Current;
        Assert.False(
            mode == SnapshotMode.Refused,
            $"{SnapshotModes.AcceptVariable}=1 is refused under CI=true: accept snapshots on a development machine, review and commit them.");

        var directory = SnapshotDirectory(testFile);
        var prefix = Path.GetFileNameWithoutExtension(testFile) + "." + testMethod;
        var expected = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [prefix + ".verified.txt"] = FormatDiagnostics(result.Diagnostics),
        };
        foreach (var source in result.GeneratedSources)
        {
            var name = source.HintName.EndsWith(".cs", StringComparison.Ordinal) ? source.HintName[..^3] : source.HintName;
            expected[$"{prefix}#{name}.verified.cs"] = $"//HintName: {source.HintName}\n" + Normalize(source.SourceText.ToString());
        }

        var failures = new List<string>();
        foreach (var (fileName, text) in expected)
        {
            Compare(directory, fileName, text, mode, failures);
        }

        foreach (var stale in System.IO.Directory.GetFiles(directory, prefix + "#*.verified.*").Select(Path.GetFileName).Where(name => !expected.ContainsKey(name!)))
        {
            if (mode == SnapshotMode.Accept)
            {
                File.Delete(Path.Combine(directory, stale!));
            }
            else
            {
                failures.Add($"{stale} is verified, but the generator no longer produces that file; delete it, or accept with {SnapshotModes.AcceptVariable}=1.");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>The snapshot folder beside the test file that calls.</summary>
    public static string SnapshotDirectory([CallerFilePath] string testFile = "")
    {
        var sources = Path.GetDirectoryName(testFile)!;
        Assert.True(
            System.IO.Directory.Exists(sources),
            $"The test sources are not at '{sources}': snapshots need the real source paths (DeterministicSourcePaths=false), and a checkout to run in.");
        var directory = Path.Combine(sources, Directory);
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    private static void Compare(string directory, string fileName, string received, SnapshotMode mode, List<string> failures)
    {
        var verifiedPath = Path.Combine(directory, fileName);
        var receivedPath = Path.Combine(directory, fileName.Replace(".verified.", ".received.", StringComparison.Ordinal));
        var verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
        if (verified == received)
        {
            File.Delete(receivedPath);
            return;
        }

        if (mode == SnapshotMode.Accept)
        {
            File.WriteAllText(verifiedPath, received, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        failures.Add(verified is null
            ? $"{fileName} does not exist yet. Review {receivedPath} and accept it with {SnapshotModes.AcceptVariable}=1."
            : $"{fileName} differs from the generated output (- verified, + received); the output is in {receivedPath}. "
                + $"If the change is intended, accept it with {SnapshotModes.AcceptVariable}=1.\n{LineDiff.Format(verified, received)}");
    }

    private static string FormatDiagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        var lines = diagnostics
            .OrderBy(diagnostic => diagnostic.Location.SourceSpan.Start)
            .ThenBy(diagnostic => diagnostic.Id, StringComparer.Ordinal)
            .Select(diagnostic =>
            {
                var span = diagnostic.Location.GetLineSpan();
                var where = diagnostic.Location.IsInSource
                    ? $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})"
                    : "(no location)";
                return $"{diagnostic.Id} {diagnostic.Severity} {where}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
            })
            .ToList();
        return lines.Count == 0 ? "No diagnostics.\n" : string.Join("\n", lines) + "\n";
    }

    // Git may check out snapshots with CRLF on Windows despite .gitattributes; compare content only.
    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
}
