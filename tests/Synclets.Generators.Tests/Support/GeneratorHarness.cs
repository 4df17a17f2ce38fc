using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Synclets.Generators.Tests.Support;

/// <summary>Compiles test sources against the real runtime and runs the generator over them.</summary>
internal static class GeneratorHarness
{
    /// <summary>Documentation diagnostics on, as in a project with GenerateDocumentationFile.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    // Tests never run as a single-file app, where Assembly.Location would be empty.
#pragma warning disable IL3000
    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(Synclet).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(MessagePack.MessagePackSerializer).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(MessagePack.KeyAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
    ];
#pragma warning restore IL3000

    /// <summary>A library compilation of <paramref name="sources"/> (files Input0.cs, Input1.cs, …) with nullable annotations on.</summary>
    public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
        "Synclets.Generators.Tests.Input",
        sources.Select((source, index) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Input{index}.cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true)
            .WithSpecificDiagnosticOptions(SdkSuppressions));

    // The .NET SDK suppresses these binding-redirect notes in every project; so does a test compilation.
    private static readonly ImmutableDictionary<string, ReportDiagnostic> SdkSuppressions =
        ImmutableDictionary<string, ReportDiagnostic>.Empty
            .Add("CS1701", ReportDiagnostic.Suppress)
            .Add("CS1702", ReportDiagnostic.Suppress);

    public static GeneratorDriver CreateDriver(bool trackSteps = false) => CSharpGeneratorDriver.Create(
        [new SyncletGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>
    /// Runs the generator over <paramref name="sources"/> and compiles the result: the errors a user
    /// would see beside the generator's own diagnostics.
    /// </summary>
    public static (GeneratorRunResult Result, ImmutableArray<Diagnostic> CompilerErrors) RunAndCompile(params string[] sources)
    {
        CreateDriver().RunGeneratorsAndUpdateCompilation(Compile(sources), out var output, out _);
        var result = CreateDriver().RunGenerators(Compile(sources)).GetRunResult().Results.Single();
        return (result, [.. output.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)]);
    }

    /// <summary>Runs the generator once over <paramref name="sources"/>.</summary>
    public static GeneratorRunResult Run(params string[] sources) =>
        CreateDriver().RunGenerators(Compile(sources)).GetRunResult().Results.Single();
}
