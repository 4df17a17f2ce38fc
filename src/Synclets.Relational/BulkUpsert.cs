namespace Synclets.Relational;

/// <summary>
/// Rows a store writes in bulk where its database has a faster path than multi-row statements
/// (PostgreSQL's binary <c>COPY</c> into a staging table): insert the rows, or on a conflict of the
/// first <see cref="KeyCount"/> columns set the others.
/// </summary>
/// <param name="QuotedTable">The target table, quoted (and qualified) for SQL.</param>
/// <param name="QuotedColumns">The columns each row gives a value for, quoted: the key's first.</param>
/// <param name="KeyCount">How many of the columns form the key the conflict is on.</param>
/// <param name="Rows">A value per column for each row (null is SQL NULL); every value is text.</param>
internal sealed record BulkUpsert(string QuotedTable, IReadOnlyList<string> QuotedColumns, int KeyCount, IReadOnlyList<string?[]> Rows);
