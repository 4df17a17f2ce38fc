namespace Synclets.Typed;

/// <summary>
/// Names a table: on a record, its table in a relational store; on a schema's
/// <see cref="SyncletTable{T}"/> property, the table's id in the tree.
/// </summary>
/// <param name="name">The table name.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, Inherited = false)]
public sealed class SyncletTableAttribute(string name) : Attribute
{
    /// <summary>The table name.</summary>
    public string Name { get; } = name;
}
