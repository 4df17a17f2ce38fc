namespace Synclets.Generators.Model;

/// <summary>An enum a record's columns use; synced by member name.</summary>
/// <param name="Helper">The name stem of its conversions (<c>PriorityToName</c>, <c>TryParsePriority</c>), unique within the record.</param>
/// <param name="TypeName">The fully qualified enum type.</param>
/// <param name="Names">Every member name, for parsing.</param>
/// <param name="CanonicalNames">The first member name of each distinct value, for writing (aliases share a value).</param>
internal sealed record EnumModel(string Helper, string TypeName, EquatableArray<string> Names, EquatableArray<string> CanonicalNames);
