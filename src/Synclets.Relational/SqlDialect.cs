using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Synclets.Typed;

namespace Synclets.Relational;

/// <summary>
/// What SQLite and PostgreSQL say alike: double-quoted names, <c>@p</c> parameters,
/// <c>INSERT … ON CONFLICT … DO UPDATE</c> upserts, and the conversions of atoms to column values.
/// A database adds its type names, its catalog query, and how it stores booleans and the values
/// synced as strings (decimals, ids, dates…).
/// </summary>
public abstract class SqlDialect : ISqlDialect
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string ColumnsQuery { get; }

    /// <summary>Double-quotes a name, doubling any double quote inside it.</summary>
    /// <exception cref="ArgumentException">The database cannot hold the name (see <see cref="FindNameProblem"/>).</exception>
    public string QuoteIdentifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var problem = name.Length == 0 || name.Contains('\0') ? "names must be non-empty and free of NUL" : FindNameProblem(name);
        if (problem is not null)
        {
            throw new ArgumentException($"'{name.Replace("\0", "\\0")}' cannot name a {Name} table, column or index: {problem}.", nameof(name));
        }

        return "\"" + name.Replace("\"", "\"\"") + "\"";
    }

    /// <summary>The quoted schema, a dot, and the quoted table; the quoted table alone without a schema.</summary>
    public virtual string QuoteTable(string? schema, string table) =>
        schema is null ? QuoteIdentifier(table) : QuoteIdentifier(schema) + "." + QuoteIdentifier(table);

    /// <inheritdoc />
    public string ParameterName(int index) => "@p" + index.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public virtual int MaxRowsPerStatement => 16;

    /// <inheritdoc />
    public virtual string KeyOrderedTableSuffix => string.Empty;

    /// <inheritdoc />
    public abstract string TypeName(SyncletColumnType type);

    /// <inheritdoc />
    public bool IsType(string declaredType, SyncletColumnType type) =>
        string.Equals(declaredType.Trim(), TypeName(type), StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public string Upsert(string quotedTable, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns, IReadOnlyList<string> updatedColumns, int rows = 1)
    {
        var updates = updatedColumns.Count == 0
            ? "NOTHING"
            : "UPDATE SET " + string.Join(", ", updatedColumns.Select(column => $"{column} = excluded.{column}"));
        return $"INSERT INTO {quotedTable} ({string.Join(", ", columns)}) VALUES {ValueRows(columns.Count, rows)} ON CONFLICT ({string.Join(", ", keyColumns)}) DO {updates}";
    }

    /// <inheritdoc />
    /// <remarks>
    /// The <c>ON CONFLICT</c> upsert with the XOR spelled <c>(a | b) - (a &amp; b)</c>, which equals it for
    /// the non-negative values hashes are stored as, since SQLite has no XOR operator; the stored row
    /// is named through an alias, which both SQLite and PostgreSQL accept.
    /// </remarks>
    public virtual string? XorUpsert(string quotedTable, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns, string xorColumn, int rows)
    {
        const string Existing = "existing";
        var old = $"COALESCE({Existing}.{xorColumn}, 0)";
        return $"INSERT INTO {quotedTable} AS {Existing} ({string.Join(", ", columns)}) VALUES {ValueRows(columns.Count, rows)} " +
               $"ON CONFLICT ({string.Join(", ", keyColumns)}) DO UPDATE SET {xorColumn} = ({old} | excluded.{xorColumn}) - ({old} & excluded.{xorColumn})";
    }

    /// <summary><paramref name="rows"/> parenthesized rows of <paramref name="columns"/> parameters each, numbered on from row to row.</summary>
    private string ValueRows(int columns, int rows) =>
        string.Join(", ", Enumerable.Range(0, rows).Select(row =>
            "(" + string.Join(", ", Enumerable.Range(row * columns, columns).Select(ParameterName)) + ")"));

    /// <inheritdoc />
    public abstract bool IsPrimaryKeyFlag(object value);

    /// <summary>
    /// Nulls as NULL, integers and booleans in their columns, numbers in real columns, and strings in
    /// the columns of string-valued types, as the database stores them; anything else does not fit.
    /// </summary>
    public bool TryToColumnValue(Atom atom, SyncletColumnType type, out object value)
    {
        value = DBNull.Value;
        switch (atom.Kind)
        {
            case AtomKind.Null:
                return true;
            case AtomKind.Boolean when type == SyncletColumnType.Boolean:
                value = ToBooleanColumnValue(atom.AsBoolean());
                return true;
            case AtomKind.Integer when type == SyncletColumnType.Integer:
                value = atom.AsInteger();
                return true;
            case AtomKind.Integer or AtomKind.Double when type == SyncletColumnType.Real:
                value = atom.AsDouble();
                return true;
            case AtomKind.String when IsStringValued(type):
                return TryToStoredValue(atom.AsString(), type, out value);
            default:
                return false;
        }
    }

    /// <summary>The reverse of <see cref="TryToColumnValue"/>; a value the column type cannot mean (or a non-finite number) gives false.</summary>
    public bool TryFromColumnValue(object value, SyncletColumnType type, out Atom atom)
    {
        atom = Atom.Null;
        switch (type, value)
        {
            case (SyncletColumnType.Boolean, _) when TryFromBooleanColumnValue(value, out var flag):
                atom = flag;
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
            case (_, _) when IsStringValued(type) && TryFromStoredValue(value, type, out var text) && AtomConvert.IsValidText(type, text):
                atom = text;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Integer keys are stored as integers (only in their canonical spelling); other keys as their type is stored.</summary>
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
            return true;
        }

        return IsStringValued(type) && TryToStoredValue(id, type, out value);
    }

    /// <summary>The stored key as an id; a whole number in a decimal key column (<c>5.0</c>) reads as its canonical id (<c>5</c>).</summary>
    public string KeyFromColumnValue(object value, SyncletColumnType type) => value switch
    {
        decimal number when number == decimal.Truncate(number) => number.ToString("0", CultureInfo.InvariantCulture),
        _ when IsStringValued(type) && TryFromStoredValue(value, type, out var text) => text,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>How a boolean is stored in a boolean column.</summary>
    protected abstract object ToBooleanColumnValue(bool value);

    /// <summary>Reads a boolean column's value; false when it holds something else.</summary>
    protected abstract bool TryFromBooleanColumnValue(object value, out bool flag);

    /// <summary>
    /// How a column of a string-valued type stores an atom's text; false when the text does not read
    /// as that type. This keeps the text itself, for databases that keep such values as text.
    /// </summary>
    protected virtual bool TryToStoredValue(string text, SyncletColumnType type, out object value)
    {
        value = text;
        return true;
    }

    /// <summary>The reverse of <see cref="TryToStoredValue"/>: the atom's text of a stored value, or false when it holds something else.</summary>
    protected virtual bool TryFromStoredValue(object value, SyncletColumnType type, [NotNullWhen(true)] out string? text)
    {
        text = value as string;
        return text is not null;
    }

    /// <summary>Whether atoms of <paramref name="type"/> are strings (text, decimals, ids, dates, durations, enums).</summary>
    private static bool IsStringValued(SyncletColumnType type) =>
        type is not (SyncletColumnType.Integer or SyncletColumnType.Real or SyncletColumnType.Boolean);

    /// <summary>Why the database cannot hold a (non-empty, NUL-free) name, or null when it can.</summary>
    protected virtual string? FindNameProblem(string name) => null;
}
