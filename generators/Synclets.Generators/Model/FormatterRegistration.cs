namespace Synclets.Generators.Model;

/// <summary>What the per-compilation resolver needs of one record: its type and its formatter.</summary>
internal sealed record FormatterRegistration(string RecordTypeName, string FormatterTypeName);
