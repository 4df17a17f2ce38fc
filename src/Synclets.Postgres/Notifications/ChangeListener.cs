using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Synclets.Postgres.Notifications;

/// <summary>
/// Listens for the typed tables' change notifications on a connection of its own and runs a sync
/// of changed rows for each burst of them: notifications that arrive while a sync runs make one
/// more sync, not one each. The store's own writes notify too and are ignored by their sender's
/// process id. A lost connection is reopened with backoff (reset once a connection has stayed up a
/// keep-alive interval), a silent one is found by a keep-alive query, and every (re)start of
/// listening runs one sync, for what changed while nobody listened.
/// </summary>
internal sealed class ChangeListener(
    NpgsqlDataSource dataSource, Func<int> ownProcessId, ChangeTriggers triggers, string channel, ILogger logger, string syncletId)
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    // A connection a firewall dropped without a word would otherwise wait for notifications forever.
    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(30);

    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Listens until <paramref name="stopping"/> is cancelled, calling <paramref name="syncChanged"/> after changes.</summary>
    public async Task RunAsync(Func<CancellationToken, Task<int>> syncChanged, CancellationToken stopping)
    {
        var syncing = SyncOnSignalAsync(syncChanged, stopping);
        var delay = FirstRetryDelay;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => delay = FirstRetryDelay, stopping).ConfigureAwait(false);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (PostgresException exception) when (IsLasting(exception))
            {
                // No right to create triggers, a schema gone…: worth an error, and not a retry every 200 ms.
                delay = MaxRetryDelay;
                logger.LogError(exception, "[{SyncletId}] cannot listen for changes on channel '{Channel}' ({SqlState}); trying again every {Delay}", syncletId, channel, exception.SqlState, delay);
                if (!await PauseAsync(delay, stopping).ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "[{SyncletId}] listening for changes on channel '{Channel}' failed; trying again in {Delay}", syncletId, channel, delay);
                if (!await PauseAsync(delay, stopping).ConfigureAwait(false))
                {
                    break;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }

        _signals.Writer.TryComplete();
        await syncing.ConfigureAwait(false);
    }

    /// <summary>Errors that retrying soon will not cure: access rules, missing objects, permissions.</summary>
    private static bool IsLasting(PostgresException exception) =>
        exception.SqlState.StartsWith("42", StringComparison.Ordinal) || exception.SqlState == PostgresErrorCodes.InvalidSchemaName;

    /// <summary>Waits before a retry; false when listening stopped meanwhile.</summary>
    private static async Task<bool> PauseAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, stopping).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Installs the triggers, listens, asks for one catch-up sync, then waits for notifications until the connection fails or listening stops.</summary>
    private async Task ListenAsync(Action stayedUp, CancellationToken stopping)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stopping).ConfigureAwait(false);
        await triggers.InstallAsync(connection, stopping).ConfigureAwait(false);
        connection.Notification += (_, notification) =>
        {
            if (notification.PID != ownProcessId())
            {
                _signals.Writer.TryWrite(true);
            }
        };
        await using (var listen = new NpgsqlCommand("LISTEN " + PostgresDialect.Instance.QuoteIdentifier(channel), connection))
        {
            await listen.ExecuteNonQueryAsync(stopping).ConfigureAwait(false);
        }

        logger.LogDebug("[{SyncletId}] listening for changes on channel '{Channel}'", syncletId, channel);
        _signals.Writer.TryWrite(true);
        await using var keepAlive = new NpgsqlCommand("SELECT 1", connection);
        while (true)
        {
            if (!await connection.WaitAsync(KeepAliveInterval, stopping).ConfigureAwait(false))
            {
                await keepAlive.ExecuteScalarAsync(stopping).ConfigureAwait(false);
                stayedUp();
            }
        }
    }

    private async Task SyncOnSignalAsync(Func<CancellationToken, Task<int>> syncChanged, CancellationToken stopping)
    {
        try
        {
            await foreach (var _ in _signals.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    var changed = await syncChanged(stopping).ConfigureAwait(false);
                    logger.LogDebug("[{SyncletId}] a change notification found {Count} changed cells", syncletId, changed);
                }
                catch (Exception exception) when (!stopping.IsCancellationRequested)
                {
                    logger.LogError(exception, "[{SyncletId}] syncing rows changed outside the synclet failed; the next notification tries again", syncletId);
                }
            }
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // Detached: nothing left to sync.
        }
    }
}
