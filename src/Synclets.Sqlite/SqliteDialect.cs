using System.Globalization;
using Synclets.Relational;
using Synclets.Typed;

namespace Synclets.Sqlite;

/// <summary>How the relational core speaks SQLite.</summary>
public sealed class SqliteDialect : ISqlDialect
{
    /// <summary>The one instance.</summary>
    public static SqliteDialect Instance { get; } = new();

    private SqliteDialect()
    {
    }

    /// <inheritdoc />
    public string Name => "SQLite";

    /// <summary>Double-quotes a name, doubling any double quote inside it.</summary>
    /// <exception cref="ArgumentException">The name is empty or contains NUL, which SQLite cannot hold in a name.</exception>
    public string QuoteIdentifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Contains('\0'))
        {
            throw new ArgumentException($"'{name.Replace("\0", "\\0")}' cannot name a SQLite table, column or index: names must be non-empty and free of NUL.", nameof(name));
        }

        return "\"" + name.Replace("\"", "\"\"") + "\"";
    }

    /// <inheritdoc />
    public string ParameterName(int index) => "@p" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>TEXT for strings (and values kept as strings), INTEGER for integers and booleans, REAL for numbers.</summary>
    public string TypeName(SyncletColumnType type) => type switch
    {
        SyncletColumnType.Integer or SyncletColumnType.Boolean => "INTEGER",
        SyncletColumnType.Real => "REAL",
        _ => "TEXT",
    };

    /// <inheritdoc />
    public bool IsType(string declaredType, SyncletColumnType type) =>
        string.Equals(declaredType.Trim(), TypeName(type), StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public string Upsert(string quotedTable, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns, IReadOnlyList<string> updatedColumns, int rows = 1)
    {
        var values = string.Join(", ", Enumerable.Range(0, rows).Select(row =>
            "(" + string.Join(", ", Enumerable.Range(row * columns.Count, columns.Count).Select(ParameterName)) + ")"));
        var updates = updatedColumns.Count == 0
            ? "NOTHING"
            : "UPDATE SET " + string.Join(", ", updatedColumns.Select(column => $"{column} = excluded.{column}"));
        return $"INSERT INTO {quotedTable} ({string.Join(", ", columns)}) VALUES {values} ON CONFLICT ({string.Join(", ", keyColumns)}) DO {updates}";
    }

    /// <summary>The table name is a bound parameter of <c>pragma_table_info</c>, never SQL text.</summary>
    public string ColumnsQuery => "SELECT name, type, pk FROM pragma_table_info(@p0)";

    /// <inheritdoc />
    public bool IsPrimaryKeyFlag(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0;

    /// <inheritdoc />
    public bool TryToColumnValue(Atom atom, SyncletColumnType type, out object value)
    {
        value = DBNull.Value;
        switch (atom.Kind)
        {
            case AtomKind.Null:
                return true;
            case AtomKind.Boolean when type == SyncletColumnType.Boolean:
                value = atom.AsBoolean() ? 1L : 0L;
                return true;
            case AtomKind.Integer when type == SyncletColumnType.Integer:
                value = atom.AsInteger();
                return true;
            case AtomKind.Integer or AtomKind.Double when type == SyncletColumnType.Real:
                value = atom.AsDouble();
                return true;
            case AtomKind.String when TypeName(type) == "TEXT":
                value = atom.AsString();
                return true;
            default:
                return false;
        }
    }

    /// <inheritdoc />
    public bool TryFromColumnValue(object value, SyncletColumnType type, out Atom atom)
    {
        atom = Atom.Null;
        switch (type, value)
        {
            case (SyncletColumnType.Boolean, long flag) when flag is 0 or 1:
                atom = flag == 1;
                return true;
            case (SyncletColumnType.Integer, long integer):
                atom = integer;
                return true;
            case (SyncletColumnType.Real, double number) when double.IsFinite(number):
                atom = number;
                return true;
            case (SyncletColumnType.Real, long integer):
                atom = (double)integer;
                return true;
            case (_, string text) when TypeName(type) == "TEXT" && AtomConvert.IsValidText(type, text):
                atom = text;
                return true;
            default:
                return false;
        }
    }

    /// <inheritdoc />
    public bool TryKeyToColumnValue(string id, SyncletColumnType type, out object value)
    {
        value = id;
        if (type is SyncletColumnType.Integer)
        {
            if (!long.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                || integer.ToString(CultureInfo.InvariantCulture) != id)
            {
                return false;
            }

            value = integer;
        }

        return type is not (SyncletColumnType.Real or SyncletColumnType.Boolean);
    }

    /// <inheritdoc />
    public string KeyFromColumnValue(object value, SyncletColumnType type) =>
        Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
}
