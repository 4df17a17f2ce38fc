namespace Synclets.Typed;

/// <summary>Marks a property as a key of its row; keys become the row's ids in the tree.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class SyncletKeyAttribute : Attribute
{
    /// <summary>The key's position among several keys; by default the declaration order.</summary>
    public int Order { get; set; } = -1;
}
