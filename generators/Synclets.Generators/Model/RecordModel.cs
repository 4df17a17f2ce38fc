namespace Synclets.Generators.Model;

/// <summary>A [Synclet] record: a table row (keys + columns) or, with no keys, a set of values.</summary>
/// <param name="Type">The record type.</param>
/// <param name="TableName">Its table name in a relational store.</param>
/// <param name="Depth">The tree depth of a synclet holding it at the root (keys + 1).</param>
/// <param name="Keys">Key columns, outermost first.</param>
/// <param name="Values">Value columns, in declaration order.</param>
/// <param name="ConstructorArguments">How a read row is constructed; empty for a parameterless constructor.</param>
/// <param name="Enums">The enums its columns use.</param>
internal sealed record RecordModel(
    TypeIdentity Type,
    string TableName,
    int Depth,
    EquatableArray<ColumnModel> Keys,
    EquatableArray<ColumnModel> Values,
    EquatableArray<ConstructorArgumentModel> ConstructorArguments,
    EquatableArray<EnumModel> Enums)
{
    public string MapName => Type.Name + "TableMap";

    public string SyncletName => Type.Name + "Synclet";

    public string ExtensionsName => Type.Name + "SyncletTableExtensions";

    public string FormatterName => Type.Name + "MessagePackFormatter";
}
