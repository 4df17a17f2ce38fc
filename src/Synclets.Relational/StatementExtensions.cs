using System.Data.Common;

namespace Synclets.Relational;

/// <summary>Reading the rows of a tree-table query.</summary>
internal static class StatementExtensions
{
    /// <summary>Reads the first column of every row as a string.</summary>
    public static async Task<IReadOnlyList<string>> ReadStringsAsync(this DbCommand command, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>Reads every row as (ids…, value) into leaves of a tree of <paramref name="depth"/>.</summary>
    public static async Task<List<KeyValuePair<Address, T>>> ReadLeavesAsync<T>(this DbCommand command, int depth, Func<string, T> convert, CancellationToken cancellationToken)
    {
        var leaves = new List<KeyValuePair<Address, T>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var ids = new string[depth];
            for (var i = 0; i < depth; i++)
            {
                ids[i] = reader.GetString(i);
            }

            leaves.Add(new(new Address(ids), convert(reader.GetString(depth))));
        }

        return leaves;
    }
}
