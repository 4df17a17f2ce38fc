using Npgsql;

namespace Synclets.Orleans.Membership;

/// <summary>
/// The tables a cluster keeps its membership in on PostgreSQL, for Orleans' ADO.NET clustering
/// provider (<c>UseAdoNetClustering</c> with invariant <c>Npgsql</c>): which silos are in the cluster
/// and which are alive. The provider needs them made beforehand; this makes them.
/// </summary>
public static class PostgresMembership
{
    /// <summary>The ADO.NET invariant name of PostgreSQL for <c>AdoNetClusteringSiloOptions.Invariant</c>.</summary>
    public const string Invariant = "Npgsql";

    // An arbitrary key for pg_advisory_xact_lock: nodes starting together create the tables one at a time.
    private const long CreationLock = 0x53796E636C657473;

    /// <summary>
    /// Creates the tables and the provider's statements in the connection's schema, if missing;
    /// safe to call from every node at every start.
    /// </summary>
    /// <exception cref="NpgsqlException">The database cannot be reached, or refuses the statements.</exception>
    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var locking = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({CreationLock})", connection, transaction))
        {
            await locking.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var creating = new NpgsqlCommand(await ScriptAsync().ConfigureAwait(false), connection, transaction))
        {
            await creating.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> ScriptAsync()
    {
        await using var stream = typeof(PostgresMembership).Assembly.GetManifestResourceStream("Synclets.Orleans.Membership.PostgresMembership.sql")
            ?? throw new InvalidOperationException("The membership script is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }
}
