using System;
using System.Text;

namespace Synclets.Generators.Emitting;

/// <summary>
/// A small indented text writer (after dotnet/runtime's SourceWriter): cheaper than building
/// syntax trees and normalizing them, and its output is exactly what the snapshots show.
/// Lines end with \n on every platform, so generated files are byte-identical everywhere.
/// </summary>
internal sealed class SourceWriter
{
    private const int IndentSize = 4;
    private readonly StringBuilder _text = new();

    public int Indentation { get; set; }

    public SourceWriter WriteLine(string line)
    {
        if (line.Length > 0)
        {
            _text.Append(' ', Indentation * IndentSize).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    public SourceWriter WriteLine() => WriteLine(string.Empty);

    /// <summary>Writes a line and opens a block under it.</summary>
    public SourceWriter OpenBlock(string line)
    {
        WriteLine(line);
        WriteLine("{");
        Indentation++;
        return this;
    }

    public SourceWriter CloseBlock(string suffix = "")
    {
        // Emitters end members with a blank line; none belongs before a closing brace.
        if (_text.Length >= 2 && _text[_text.Length - 1] == '\n' && _text[_text.Length - 2] == '\n')
        {
            _text.Length--;
        }

        Indentation--;
        return WriteLine("}" + suffix);
    }

    /// <summary>Writes a <c>/// &lt;summary&gt;</c> doc comment; <paramref name="text"/> is XML already.</summary>
    public SourceWriter Summary(string text) => WriteLine("/// <summary>" + text + "</summary>");

    public SourceWriter InheritDoc() => WriteLine("/// <inheritdoc />");

    public override string ToString() => _text.ToString();
}
