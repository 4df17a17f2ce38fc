using System.Data.Common;

namespace Synclets.Relational;

/// <summary>
/// One parameterized SQL statement a connector runs many times. The store prepares it once per
/// connection and hands back the same command on every later run.
/// </summary>
internal sealed class Statement
{
    public Statement(string sql, int parameterCount)
    {
        Sql = sql;
        ParameterCount = parameterCount;
    }

    /// <summary>The SQL text; names in it are quoted, values are parameters 0…<see cref="ParameterCount"/>-1.</summary>
    public string Sql { get; }

    /// <summary>How many parameters the statement takes.</summary>
    public int ParameterCount { get; }

    /// <summary>The prepared command on the store's current connection, if any.</summary>
    internal DbCommand? Command { get; set; }

    /// <summary>Which connection of the store <see cref="Command"/> belongs to.</summary>
    internal int Generation { get; set; } = -1;

    public override string ToString() => Sql;
}
