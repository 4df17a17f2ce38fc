namespace Synclets.Generators.Model;

/// <summary>One argument of the constructor a read row is built with.</summary>
/// <param name="ParameterName">The parameter's name.</param>
/// <param name="PropertyName">The synced property it takes; empty for a parameter of an ignored property (passed <c>default</c>).</param>
internal sealed record ConstructorArgumentModel(string ParameterName, string PropertyName);
