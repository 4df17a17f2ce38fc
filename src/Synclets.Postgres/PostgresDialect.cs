using System.Diagnostics.CodeAnalysis;
using System.Globalization;
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

    /// <summary>
    /// 64: every statement is a round trip to the server, so fewer, larger statements win; 64 rows of
    /// a depth-3 tree are 320 parameters, far below PostgreSQL's limit of 65,535.
    /// </summary>
    public override int MaxRowsPerStatement => 64;

    /// <summary>PostgreSQL cuts names longer than 63 bytes short: refuse them instead.</summary>
    protected override string? FindNameProblem(string name) =>
        Encoding.UTF8.GetByteCount(name) > MaxIdentifierBytes ? $"names must be at most {MaxIdentifierBytes} bytes in UTF-8" : null;

    /// <summary>
    /// bigint, boolean and double precision for integers, booleans and numbers; numeric for decimals
    /// (and <see cref="ulong"/>), uuid for ids, timestamp with time zone for dates; text for strings,
    /// durations and enums.
    /// </summary>
    public override string TypeName(SyncletColumnType type) => type switch
    {
        SyncletColumnType.Integer => "bigint",
        SyncletColumnType.Boolean => "boolean",
        SyncletColumnType.Real => "double precision",
        SyncletColumnType.Decimal => "numeric",
        SyncletColumnType.Uuid => "uuid",
        SyncletColumnType.DateTime or SyncletColumnType.DateTimeOffset => "timestamp with time zone",
        _ => "text",
    };

    /// <summary>
    /// The columns of table <c>@p0</c> in schema <c>@p1</c> (null: the connection's current schema,
    /// the first of its search path), with whether each is in the primary key.
    /// </summary>
    public override string ColumnsQuery =>
        """
        SELECT a.attname, format_type(a.atttypid, a.atttypmod),
               COALESCE(a.attnum = ANY (i.indkey), false)
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
        WHERE c.relname = @p0 AND n.nspname = COALESCE(@p1::text, current_schema())
          AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum
        """;

    /// <inheritdoc />
    public override bool IsPrimaryKeyFlag(object value) => value is true;

    /// <summary>
    /// Decimals as <see cref="decimal"/>, ids as <see cref="Guid"/>, and dates as UTC instants
    /// rounded down to the microsecond, which is what timestamp with time zone keeps: a date without
    /// a kind or offset is taken as UTC, and an offset is not kept (the synclet's own copy keeps the
    /// atom as written). Other types are text, as the base keeps them.
    /// </summary>
    protected override bool TryToStoredValue(string text, SyncletColumnType type, out object value)
    {
        if (!HasNativeType(type))
        {
            return base.TryToStoredValue(text, type, out value);
        }

        value = DBNull.Value;
        switch (type)
        {
            case SyncletColumnType.Decimal when AtomConvert.TryToDecimal(text, out var number):
                value = number;
                return true;
            case SyncletColumnType.Uuid when Guid.TryParse(text, out var id):
                value = id;
                return true;
            case SyncletColumnType.DateTime when AtomConvert.TryToDateTime(text, out var date):
                value = ToInstant(date.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(date, DateTimeKind.Utc) : date.ToUniversalTime());
                return true;
            case SyncletColumnType.DateTimeOffset when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant):
                value = ToInstant(instant.UtcDateTime);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The reverse of <see cref="TryToStoredValue"/>; dates come back in UTC.</summary>
    protected override bool TryFromStoredValue(object value, SyncletColumnType type, [NotNullWhen(true)] out string? text)
    {
        if (!HasNativeType(type))
        {
            return base.TryFromStoredValue(value, type, out text);
        }

        text = (type, value) switch
        {
            (SyncletColumnType.Decimal, decimal number) => number.ToString(CultureInfo.InvariantCulture),
            (SyncletColumnType.Uuid, Guid id) => AtomConvert.GuidToId(id),
            (SyncletColumnType.DateTime, DateTime date) => AtomConvert.FromDateTime(AsUtc(date)).AsString(),
            (SyncletColumnType.DateTimeOffset, DateTime date) => AtomConvert.FromDateTimeOffset(new DateTimeOffset(AsUtc(date))).AsString(),
            _ => null,
        };
        return text is not null;
    }

    /// <inheritdoc />
    protected override object ToBooleanColumnValue(bool value) => value;

    /// <inheritdoc />
    protected override bool TryFromBooleanColumnValue(object value, out bool flag)
    {
        flag = value is true;
        return value is bool;
    }

    /// <summary>The string-valued types PostgreSQL stores in a type of their own rather than as text.</summary>
    private static bool HasNativeType(SyncletColumnType type) =>
        type is SyncletColumnType.Decimal or SyncletColumnType.Uuid or SyncletColumnType.DateTime or SyncletColumnType.DateTimeOffset;

    /// <summary>
    /// Rounds down to the microsecond, but leaves <see cref="DateTime.MaxValue"/> whole: Npgsql
    /// reads <c>infinity</c> as it, and a rounded one would never equal what is read back.
    /// </summary>
    private static DateTime ToInstant(DateTime utc) => utc == DateTime.MaxValue
        ? utc
        : new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);

    /// <summary>A timestamp with time zone as read: UTC, or local time under Npgsql's legacy timestamp behaviour.</summary>
    private static DateTime AsUtc(DateTime read) =>
        read.Kind == DateTimeKind.Local ? read.ToUniversalTime() : DateTime.SpecifyKind(read, DateTimeKind.Utc);
}
