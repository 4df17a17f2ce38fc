using Synclets.Generators.Diagnostics;

namespace Synclets.Generators.Model;

/// <summary>
/// What parsing one [Synclet] type produced: a record or a schema model when the type is valid
/// (never when it has errors, so nothing is generated for it), a stub of a schema with errors, and
/// the diagnostics found.
/// </summary>
internal sealed record ParseResult(RecordModel? Record, SchemaModel? Schema, EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>For a schema with errors, the table properties that still get a (throwing) body.</summary>
    public SchemaStubModel? SchemaStub { get; init; }
}
