namespace Synclets.Typed;

/// <summary>Gives a property's column (its id in the tree and its column in a typed table) a name other than the property's.</summary>
/// <param name="name">The column name.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class SyncletColumnAttribute(string name) : Attribute
{
    /// <summary>The column name.</summary>
    public string Name { get; } = name;
}
