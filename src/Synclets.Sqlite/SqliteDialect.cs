using System.Globalization;
using Synclets.Relational;
using Synclets.Typed;

namespace Synclets.Sqlite;

/// <summary>How the relational core speaks SQLite.</summary>
public sealed class SqliteDialect : SqlDialect
{
    /// <summary>The one instance.</summary>
    public static SqliteDialect Instance { get; } = new();

    private SqliteDialect()
    {
    }

    /// <inheritdoc />
    public override string Name => "SQLite";

    /// <summary>TEXT for strings (and values kept as strings), INTEGER for integers and booleans, REAL for numbers.</summary>
    public override string TypeName(SyncletColumnType type) => type switch
    {
        SyncletColumnType.Integer or SyncletColumnType.Boolean => "INTEGER",
        SyncletColumnType.Real => "REAL",
        _ => "TEXT",
    };

    /// <summary>The table name is a bound parameter of <c>pragma_table_info</c>, never SQL text.</summary>
    public override string ColumnsQuery => "SELECT name, type, pk FROM pragma_table_info(@p0)";

    /// <inheritdoc />
    public override bool IsPrimaryKeyFlag(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0;

    /// <inheritdoc />
    public override bool TryToColumnValue(Atom atom, SyncletColumnType type, out object value)
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
    public override bool TryFromColumnValue(object value, SyncletColumnType type, out Atom atom)
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
}
