namespace Synclets.Relational;

/// <summary>
/// An existing table does not have the columns a connector needs. Nothing was altered or dropped:
/// fix or rename the table, or point the connector at another table name.
/// </summary>
public sealed class RelationalSchemaException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="column"/> of <paramref name="table"/>.</summary>
    public RelationalSchemaException(string table, string column, string expectedType, string message) : base(message)
    {
        Table = table;
        Column = column;
        ExpectedType = expectedType;
    }

    /// <summary>The table that does not fit.</summary>
    public string Table { get; }

    /// <summary>The column that is missing, of the wrong type, or not expected.</summary>
    public string Column { get; }

    /// <summary>The type the connector needs the column to have (e.g. <c>TEXT</c>), or empty for a column that must not exist.</summary>
    public string ExpectedType { get; }
}
