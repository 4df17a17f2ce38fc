using Synclets.Typed;

namespace Synclets.Relational;

/// <summary>A column a connector needs: its name, what it holds, and whether it is part of the primary key.</summary>
/// <param name="Name">The column's name (unquoted).</param>
/// <param name="Type">What it holds; the dialect names the SQL type.</param>
/// <param name="IsKey">Whether it is part of the table's primary key.</param>
internal sealed record ColumnDefinition(string Name, SyncletColumnType Type, bool IsKey = false);
