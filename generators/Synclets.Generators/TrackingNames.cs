namespace Synclets.Generators;

/// <summary>
/// Names of the pipeline steps, so tests can check that an unrelated edit leaves each one
/// cached. Every step the generator tracks is listed here.
/// </summary>
internal static class TrackingNames
{
    public const string Parsed = nameof(Parsed);
    public const string Records = nameof(Records);
    public const string Schemas = nameof(Schemas);
    public const string SchemaStubs = nameof(SchemaStubs);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Formatters = nameof(Formatters);
    public const string AllFormatters = nameof(AllFormatters);
}
