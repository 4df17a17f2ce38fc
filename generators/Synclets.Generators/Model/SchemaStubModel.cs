namespace Synclets.Generators.Model;

/// <summary>
/// A schema with errors: only bodies for its table properties are generated (each throws), so the
/// compiler reports no missing implementations beside the diagnostics that say what is wrong.
/// </summary>
/// <param name="Type">The schema type.</param>
/// <param name="TypeKeyword"><c>class</c> or <c>record</c>, to reopen the partial declaration.</param>
/// <param name="Properties">The schema's partial properties (tables, or what was meant to be one).</param>
internal sealed record SchemaStubModel(TypeIdentity Type, string TypeKeyword, EquatableArray<StubPropertyModel> Properties);

/// <summary>A partial property of a schema with errors, as declared.</summary>
/// <param name="Name">The property.</param>
/// <param name="Accessibility">Its declared accessibility, which the implementation must repeat.</param>
/// <param name="TypeName">Its fully qualified type, nullable annotation included.</param>
/// <param name="IsStatic">Whether it is static.</param>
/// <param name="HasGetter">Whether it declares a getter.</param>
/// <param name="Setter"><c>set</c> or <c>init</c> as declared, or empty for none.</param>
internal sealed record StubPropertyModel(string Name, string Accessibility, string TypeName, bool IsStatic, bool HasGetter, string Setter);
