using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Synclets.Generators.Tests.Support;

namespace Synclets.Generators.Tests;

/// <summary>
/// An edit elsewhere must not make the generator redo its work: every tracked step is cached or
/// unchanged, and no step output holds what would defeat that (symbols, syntax, compilations).
/// </summary>
public class CachingTests
{
    private const string WithAnError = """
        using Synclets.Typed;

        namespace Sample.Broken;

        [Synclet]
        public record NotPartial([property: SyncletKey] string Id, string Title);

        [Synclet]
        public partial record Fine([property: SyncletKey] string Id, string Title);

        [Synclet]
        public partial class TwoTablesOneId
        {
            [SyncletTable("same")]
            public partial SyncletTable<Fine> First { get; }

            [SyncletTable("same")]
            public partial SyncletTable<Fine> Second { get; }
        }
        """;

    private static readonly Type[] Forbidden =
        [typeof(ISymbol), typeof(Compilation), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SemanticModel), typeof(Location), typeof(Diagnostic)];

    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached_or_unchanged()
    {
        var compilation = GeneratorHarness.Compile(Models.Values, Models.Table, Models.Schema, WithAnError);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();

        var unrelated = CSharpSyntaxTree.ParseText(
            "namespace Other;\n\n/// <summary>Unrelated.</summary>\npublic class Unrelated\n{\n    /// <summary>X.</summary>\n    public int X { get; set; }\n}\n",
            GeneratorHarness.ParseOptions,
            path: "Unrelated.cs");
        var second = driver.RunGenerators(compilation.AddSyntaxTrees(unrelated)).GetRunResult().Results.Single();

        Assert.Equal(first.GeneratedSources.Select(source => source.HintName), second.GeneratedSources.Select(source => source.HintName));
        foreach (var name in TrackingStepNames())
        {
            Assert.True(second.TrackedSteps.TryGetValue(name, out var steps), $"Step '{name}' was not tracked.");
            var reasons = steps.SelectMany(step => step.Outputs).Select(output => output.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(
                reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step '{name}' ran again ({reason}) after an unrelated edit."));
        }
    }

    [Fact]
    public void Step_outputs_hold_no_symbols_syntax_or_compilations()
    {
        var compilation = GeneratorHarness.Compile(Models.Values, Models.Table, Models.Schema, WithAnError);
        var result = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation).GetRunResult().Results.Single();

        foreach (var name in TrackingStepNames())
        {
            foreach (var output in result.TrackedSteps[name].SelectMany(step => step.Outputs))
            {
                AssertHoldsNothingForbidden(output.Value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static IEnumerable<string> TrackingStepNames() =>
        typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!);

    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Walks pipeline models in tests only; never trimmed.")]
    private static void AssertHoldsNothingForbidden(object? value, string path, HashSet<object> seen)
    {
        if (value is null or string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        var type = value.GetType();
        Assert.False(Forbidden.Any(forbidden => forbidden.IsAssignableFrom(type)), $"{path} holds a {type.Name}, which breaks caching.");
        if (value is IEnumerable items)
        {
            var index = 0;
            foreach (var item in items)
            {
                AssertHoldsNothingForbidden(item, $"{path}[{index++}]", seen);
            }

            return;
        }

        // Our own models and tuples of them; Roslyn's value types (TextSpan, DiagnosticDescriptor) hold nothing of the kind.
        if (type.Assembly == typeof(SyncletGenerator).Assembly || type.FullName!.StartsWith("System.ValueTuple", StringComparison.Ordinal))
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                AssertHoldsNothingForbidden(field.GetValue(value), $"{path}.{field.Name}", seen);
            }
        }
    }
}
