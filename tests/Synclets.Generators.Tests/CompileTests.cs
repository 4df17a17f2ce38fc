using Microsoft.CodeAnalysis;
using Synclets.Generators.Tests.Support;

namespace Synclets.Generators.Tests;

/// <summary>Generated code compiles without errors or warnings, docs and nullable annotations checked.</summary>
public class CompileTests
{
    /// <summary>Corners the representative models do not reach: every key type, keywords, classes, internal types, the global namespace.</summary>
    private const string Corners = """
        using System;
        using Synclets.Typed;

        namespace Corners
        {
            /// <summary>An enum whose members alias each other.</summary>
            public enum Kind : byte
            {
                /// <summary>A.</summary>
                A = 1,

                /// <summary>B.</summary>
                B = 1,

                /// <summary>C.</summary>
                @class = 2,
            }

            /// <summary>Keys of every kind.</summary>
            [Synclet]
            public partial record EveryKey(
                [property: SyncletKey] string S,
                [property: SyncletKey] byte B,
                [property: SyncletKey] sbyte Sb,
                [property: SyncletKey] short I16,
                [property: SyncletKey] ushort U16,
                [property: SyncletKey] int I32,
                [property: SyncletKey] uint U32,
                [property: SyncletKey] long I64,
                [property: SyncletKey] ulong U64,
                [property: SyncletKey] Guid G,
                [property: SyncletKey] Kind K,
                string Value);

            /// <summary>A plain class with settable properties and keyword names.</summary>
            [Synclet(Depth = 2)]
            public partial class Row
            {
                /// <summary>Doc.</summary>
                [SyncletKey]
                public int Table { get; set; }

                /// <summary>Doc.</summary>
                public string @class { get; set; } = "";

                /// <summary>Doc.</summary>
                public Kind? @event { get; set; }

                /// <summary>Doc.</summary>
                public required string Required { get; init; }
            }

            /// <summary>A class with a primary constructor matched by name, ignoring case.</summary>
            [Synclet]
            internal partial class Point(int x, int y)
            {
                /// <summary>Doc.</summary>
                [SyncletKey]
                public int X { get; } = x;

                /// <summary>Doc.</summary>
                public int Y { get; } = y;
            }

            /// <summary>An internal schema of internal tables of zero keys.</summary>
            [Synclet]
            internal partial class Flags
            {
                /// <summary>Doc.</summary>
                internal partial SyncletTable<Feature> Features { get; }

                /// <summary>Doc.</summary>
                public partial SyncletTable<Limits> Synclet { get; }
            }

            /// <summary>Doc.</summary>
            [Synclet]
            internal partial record Feature(bool Beta, bool Dark);

            /// <summary>Doc.</summary>
            [Synclet]
            internal partial record Limits(int Max);
        }

        /// <summary>A record in the global namespace.</summary>
        [Synclet]
        public partial record GlobalValues(string? Note);
        """;

    [Fact]
    public void Generated_code_compiles_without_errors_or_warnings()
    {
        var compilation = GeneratorHarness.Compile(Models.Values, Models.Table, Models.Schema, Corners);
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        Assert.Empty(generatorDiagnostics);
        var generatedTrees = output.SyntaxTrees.Except(compilation.SyntaxTrees).ToList();
        Assert.Equal(13, generatedTrees.Count);
        // The models are written warning-free, so any warning at all comes from generated code.
        var problems = output.GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning)
            .Select(diagnostic => diagnostic.ToString())
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
