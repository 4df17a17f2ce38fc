namespace Synclets.Typed;

/// <summary>
/// Marks a partial record (a table row, or a set of values at depth 1) or a partial schema class
/// whose <see cref="SyncletTable{T}"/> properties are its tables. The source generator emits a
/// strongly typed synclet for it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SyncletAttribute : Attribute
{
    /// <summary>
    /// The depth of the tree: key count + 1 for a record, key count + 2 for a schema. 0 (the
    /// default) infers it from the keys.
    /// </summary>
    public int Depth { get; set; }
}
