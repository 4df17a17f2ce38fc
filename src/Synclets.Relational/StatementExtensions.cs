using System.Data.Common;

namespace Synclets.Relational;

/// <summary>Binding addresses to a prepared statement's parameters and running it.</summary>
internal static class StatementExtensions
{
    /// <summary>The statement's command with parameter 0 set to the address key and 1…depth to its ids (null past the address).</summary>
    public static DbCommand WithAddress(this RelationalStore store, Statement statement, Address address, int depth)
    {
        var command = store.CommandFor(statement);
        var parameters = command.Parameters;
        parameters[0].Value = store.KeyOf(address);
        var ids = address.AsSpan();
        for (var i = 0; i < depth; i++)
        {
            parameters[i + 1].Value = i < ids.Length ? ids[i] : DBNull.Value;
        }

        return command;
    }

    /// <summary>The statement's command with parameter 0 set to the address key.</summary>
    public static DbCommand WithKey(this RelationalStore store, Statement statement, Address address)
    {
        var command = store.CommandFor(statement);
        command.Parameters[0].Value = store.KeyOf(address);
        return command;
    }

    /// <summary>The statement's command with parameters 0… set to the ids of <paramref name="address"/>.</summary>
    public static DbCommand WithIds(this RelationalStore store, Statement statement, Address address)
    {
        var command = store.CommandFor(statement);
        var ids = address.AsSpan();
        for (var i = 0; i < ids.Length; i++)
        {
            command.Parameters[i].Value = ids[i];
        }

        return command;
    }

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

    /// <summary>Reads (first column, second column) of every row as strings, into a dictionary.</summary>
    public static async Task<Dictionary<string, T>> ReadPairsAsync<T>(this DbCommand command, Func<string, T> convert, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, T>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values[reader.GetString(0)] = convert(reader.GetString(1));
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
