using Synclets.Typed;

namespace Synclets.Relational;

/// <summary>A column a connector needs: its name, what it holds, and whether it is part of the primary key.</summary>
/// <param name="Name">The column's name (unquoted).</param>
/// <param name="Type">What it holds; the dialect names the SQL type.</param>
/// <param name="IsKey">Whether it is part of the table's primary key.</param>
/// <param name="IsAddedProperty">
/// Whether the column is a record's property, which a newer version of the record may have added:
/// missing from an existing table, it is added when nullable, and otherwise named with the SQL to add it.
/// </param>
/// <param name="ReadsWithoutValue">
/// Whether a row with no value for the property still reads: the property is nullable, or has a
/// default. Rows already in a table the column is added to have no value.
/// </param>
internal sealed record ColumnDefinition(string Name, SyncletColumnType Type, bool IsKey = false, bool IsAddedProperty = false, bool ReadsWithoutValue = false)
{
    /// <summary>Whether a table that lacks the column gets it added when opened.</summary>
    public bool CanBeAdded => IsAddedProperty && ReadsWithoutValue;
}
