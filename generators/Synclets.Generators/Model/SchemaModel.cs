namespace Synclets.Generators.Model;

/// <summary>A [Synclet] schema: a partial class whose partial <c>SyncletTable&lt;T&gt;</c> properties are its tables.</summary>
/// <param name="Type">The schema type.</param>
/// <param name="TypeKeyword"><c>class</c> or <c>record</c>, to reopen the partial declaration.</param>
/// <param name="Depth">The tree depth: keys of every table + 2.</param>
/// <param name="Tables">The tables, in declaration order.</param>
internal sealed record SchemaModel(TypeIdentity Type, string TypeKeyword, int Depth, EquatableArray<SchemaTableModel> Tables)
{
    public string SyncletName => Type.Name + "Synclet";
}

/// <summary>One table of a schema.</summary>
/// <param name="PropertyName">The partial property.</param>
/// <param name="PropertyAccessibility">Its declared accessibility, which the implementation must repeat.</param>
/// <param name="TableId">The table's id in the tree.</param>
/// <param name="RecordTypeName">The fully qualified row type.</param>
/// <param name="MapTypeName">The fully qualified generated table map of the row type.</param>
internal sealed record SchemaTableModel(string PropertyName, string PropertyAccessibility, string TableId, string RecordTypeName, string MapTypeName);
