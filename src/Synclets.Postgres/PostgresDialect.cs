using System.Text;
using Synclets.Relational;
using Synclets.Typed;

namespace Synclets.Postgres;

/// <summary>How the relational core speaks PostgreSQL.</summary>
public sealed class PostgresDialect : SqlDialect
{
    // PostgreSQL cuts longer names short without a word, which could make two tables one.
    private const int MaxIdentifierBytes = 63;

    /// <summary>The one instance.</summary>
    public static PostgresDialect Instance { get; } = new();

    private PostgresDialect()
    {
    }

    /// <inheritdoc />
    public override string Name => "PostgreSQL";

    /// <summary>PostgreSQL cuts names longer than 63 bytes short: refuse them instead.</summary>
    protected override string? FindNameProblem(string name) =>
        Encoding.UTF8.GetByteCount(name) > MaxIdentifierBytes ? $"names must be at most {MaxIdentifierBytes} bytes in UTF-8" : null;

    /// <summary>text for strings (and values kept as strings), bigint for integers, boolean, double precision for numbers.</summary>
    public override string TypeName(SyncletColumnType type) => type switch
    {
        SyncletColumnType.Integer => "bigint",
        SyncletColumnType.Boolean => "boolean",
        SyncletColumnType.Real => "double precision",
        _ => "text",
    };

    /// <summary>The columns of table <c>@p0</c> in the connection's current schema, with whether each is in the primary key.</summary>
    public override string ColumnsQuery =>
        """
        SELECT a.attname, format_type(a.atttypid, a.atttypmod),
               COALESCE(a.attnum = ANY (i.indkey), false)
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
        WHERE c.relname = @p0 AND c.relnamespace = current_schema()::regnamespace
          AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum
        """;

    /// <inheritdoc />
    public override bool IsPrimaryKeyFlag(object value) => value is true;

    /// <inheritdoc />
    protected override object ToBooleanColumnValue(bool value) => value;

    /// <inheritdoc />
    protected override bool TryFromBooleanColumnValue(object value, out bool flag)
    {
        flag = value is true;
        return value is bool;
    }
}
