using System.Linq;
using Microsoft.CodeAnalysis;
using Synclets.Generators.Emitting;
using Synclets.Generators.Model;
using Synclets.Generators.Parsing;

namespace Synclets.Generators;

/// <summary>
/// Generates typed synclets, table maps and MessagePack formatters for [Synclet] records and
/// schemas. This file only wires the pipeline: parsing and emitting live in their folders.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SyncletGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownTypes.SyncletAttribute, Parser.IsCandidate, Parser.Parse)
            .WithTrackingName(TrackingNames.Parsed);

        var diagnostics = parsed
            .SelectMany(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));

        var records = parsed
            .Where(static result => result.Record is not null)
            .Select(static (result, _) => result.Record!)
            .WithTrackingName(TrackingNames.Records);
        context.RegisterSourceOutput(records, static (output, record) => output.AddSource(record.Type.HintName, RecordEmitter.Emit(record)));

        var schemas = parsed
            .Where(static result => result.Schema is not null)
            .Select(static (result, _) => result.Schema!)
            .WithTrackingName(TrackingNames.Schemas);
        context.RegisterSourceOutput(schemas, static (output, schema) => output.AddSource(schema.Type.HintName, SchemaEmitter.Emit(schema)));

        var stubs = parsed
            .Where(static result => result.SchemaStub is not null)
            .Select(static (result, _) => result.SchemaStub!)
            .WithTrackingName(TrackingNames.SchemaStubs);
        context.RegisterSourceOutput(stubs, static (output, stub) => output.AddSource(stub.Type.HintNameWith("Stub"), SchemaStubEmitter.Emit(stub)));

        var formatters = records
            .Select(static (record, _) => new FormatterRegistration(record.Type.FullyQualifiedName, record.Type.Sibling(record.FormatterName)))
            .WithTrackingName(TrackingNames.Formatters)
            .Collect()
            .Select(static (all, _) => all.ToEquatableArray())
            .WithTrackingName(TrackingNames.AllFormatters);
        context.RegisterSourceOutput(formatters, static (output, all) =>
        {
            if (!all.IsEmpty)
            {
                output.AddSource(ResolverEmitter.HintName, ResolverEmitter.Emit(all));
            }
        });
    }
}
