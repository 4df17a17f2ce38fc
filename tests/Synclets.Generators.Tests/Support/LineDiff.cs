using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Synclets.Generators.Tests.Support;

/// <summary>A unified-style line diff, only the changed lines and a little context, for test failures.</summary>
internal static class LineDiff
{
    private const int Context = 2;
    private const int MaxLines = 120;

    public static string Format(string verified, string received)
    {
        var lines = InlineDiffBuilder.Diff(verified, received, ignoreWhiteSpace: false).Lines;
        var show = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type != ChangeType.Unchanged)
            {
                for (var j = Math.Max(0, i - Context); j <= Math.Min(lines.Count - 1, i + Context); j++)
                {
                    show[j] = true;
                }
            }
        }

        var text = new StringBuilder();
        var written = 0;
        for (var i = 0; i < lines.Count && written < MaxLines; i++)
        {
            if (!show[i])
            {
                continue;
            }

            if (i > 0 && !show[i - 1])
            {
                text.AppendLine("  ...");
            }

            var prefix = lines[i].Type switch
            {
                ChangeType.Inserted => "+ ",
                ChangeType.Deleted => "- ",
                _ => "  ",
            };
            text.Append(prefix).Append(lines[i].Position is { } line ? $"{line,4}: " : "      ").AppendLine(lines[i].Text);
            written++;
        }

        return text.ToString();
    }
}
