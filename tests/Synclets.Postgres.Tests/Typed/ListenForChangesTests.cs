using Npgsql;
using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.Postgres.Tests.Support;
using Synclets.Transports.Memory;

namespace Synclets.Postgres.Tests.Typed;

/// <summary>With ListenForChanges, rows other clients commit are adopted through LISTEN/NOTIFY, without calling SyncChangedAsync.</summary>
public sealed class ListenForChangesTests : IAsyncLifetime
{
    private static readonly PostgresTypedTableOptions Listening = new() { ListenForChanges = true };
    private readonly Payment _row = new(Guid.NewGuid(), 10m, 1, DateTimeOffset.UnixEpoch, null, TimeSpan.Zero, "written by the synclet");
    private ScratchSchema _schema = null!;

    public async Task InitializeAsync() => _schema = await ScratchSchema.CreateAsync();

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task A_row_another_client_commits_reaches_the_synclet_and_its_peers()
    {
        var pool = Guid.NewGuid().ToString("N");
        await using var payments = await CreateAsync(Listening, new MemoryTransport(pool));
        await using var peer = await Synclet.CreateAsync(new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(2), new MemoryTransport(pool)));
        await Task.WhenAll(payments.StartAsync(), peer.StartAsync());
        await payments.SetAsync(_row);
        await WaitForListenerAsync();

        await _schema.ExecuteAsync("UPDATE \"Payment\" SET \"Note\" = 'changed in SQL'");

        await Eventually.UntilAsync(async () => (await peer.GetAtomAsync(payments.AddressOf(_row.Id).Append("Note"))) == "changed in SQL", "the peer holds the row changed in SQL");
        Assert.Equal(_row with { Note = "changed in SQL" }, await payments.GetAsync(_row.Id));
    }

    [Fact]
    public async Task Triggers_are_installed_only_on_opt_in()
    {
        await using (var plain = await CreateAsync(null))
        {
            await plain.SetAsync(_row);
            Assert.Equal(0L, await TriggerCountAsync());
        }

        await using var listening = await CreateAsync(Listening);
        await Eventually.UntilAsync(async () => await TriggerCountAsync() == 1L, "the trigger is installed");
    }

    [Fact]
    public async Task Changes_made_while_nobody_listened_are_picked_up_when_listening_starts()
    {
        await using (var payments = await CreateAsync(Listening))
        {
            await payments.SetAsync(_row);
        }

        await _schema.ExecuteAsync("UPDATE \"Payment\" SET \"Amount\" = 11.5");

        await using var reopened = await CreateAsync(Listening);
        await Eventually.UntilAsync(async () => await reopened.GetAmountAsync(_row.Id) == 11.5m, "the change made while closed is adopted");
    }

    [Fact]
    public async Task A_lost_listening_connection_is_reopened()
    {
        await using var payments = await CreateAsync(Listening);
        await payments.SetAsync(_row);
        var first = await WaitForListenerAsync();

        await _schema.ScalarAsync("SELECT pg_terminate_backend($1)", first);
        var second = await WaitForListenerAsync(except: first);
        await _schema.ExecuteAsync("UPDATE \"Payment\" SET \"Note\" = 'after the reconnection'");

        Assert.NotEqual(first, second);
        await Eventually.UntilAsync(async () => await payments.GetNoteAsync(_row.Id) == "after the reconnection", "the change is adopted after the reconnection");
    }

    [Fact]
    public async Task Synclets_on_different_channels_each_keep_their_trigger()
    {
        await using var first = await CreateAsync(Listening with { NotificationChannel = "first", Tree = new() { Scope = "first" } });
        await using var second = await CreateAsync(Listening with { NotificationChannel = "second", Tree = new() { Scope = "second" } });
        await Eventually.UntilAsync(async () => await TriggerCountAsync() == 2L, "both triggers are installed");

        await _schema.ExecuteAsync("INSERT INTO \"Payment\" (\"Id\", \"Note\") VALUES ($1, 'for both')", _row.Id);

        await Eventually.UntilAsync(
            async () => await first.GetNoteAsync(_row.Id) == "for both" && await second.GetNoteAsync(_row.Id) == "for both",
            "both synclets adopt the row");
    }

    [Fact]
    public async Task Installing_the_trigger_never_stalls_writers_behind_a_long_transaction()
    {
        await using (var plain = await CreateAsync(null))
        {
            await plain.SetAsync(_row);
        }

        // Another client keeps a write open, so creating the trigger cannot take its lock.
        await using var other = await _schema.DataSource.OpenConnectionAsync();
        await using var open = await other.BeginTransactionAsync();
        await new NpgsqlCommand("UPDATE \"Payment\" SET \"Note\" = 'not yet committed'", other, open).ExecuteNonQueryAsync();

        await using var payments = await CreateAsync(Listening);
        var write = payments.SetAsync(_row with { Id = Guid.NewGuid(), Note = "another row" });

        Assert.Same(write, await Task.WhenAny(write, Task.Delay(TimeSpan.FromSeconds(15))));
        Assert.Equal(0L, await TriggerCountAsync());
        await open.CommitAsync();
        await Eventually.UntilAsync(async () => await payments.GetNoteAsync(_row.Id) == "not yet committed", "the committed change is adopted once the trigger is in");
        Assert.Equal(1L, await TriggerCountAsync());
    }

    [Fact]
    public async Task Concurrent_installs_all_succeed()
    {
        var triggers = Enumerable.Range(0, 6)
            .Select(i => new Notifications.ChangeTriggers(_schema.Name, ["Payment"], "channel" + (i % 2)))
            .ToList();
        await (await CreateAsync(null)).DisposeAsync();   // the table

        await Task.WhenAll(triggers.Select(async trigger =>
        {
            await using var connection = await _schema.DataSource.OpenConnectionAsync();
            await trigger.InstallAsync(connection, CancellationToken.None);
        }));

        Assert.Equal(2L, await TriggerCountAsync());
    }

    [Fact]
    public void A_channel_name_PostgreSQL_would_cut_short_is_refused()
    {
        var options = Listening with { NotificationChannel = new string('c', 64) };

        var error = Assert.Throws<ArgumentException>(() => new PostgresStore(_schema.DataSource).CreateConnectors(PaymentTableMap.Instance, options));

        Assert.Contains("NotificationChannel", error.Message);
    }

    private async Task<PaymentSynclet> CreateAsync(PostgresTypedTableOptions? options, Transports.Transport? transport = null)
    {
        var (data, meta) = new PostgresStore(_schema.DataSource).CreateConnectors(PaymentTableMap.Instance, options);
        return await PaymentSynclet.CreateAsync(transport is null ? new SyncletComponents(data, meta) : new SyncletComponents(data, meta, transport));
    }

    private async Task<long> TriggerCountAsync() =>
        (long)(await _schema.ScalarAsync("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'synclets_notify_%' AND tgrelid = '\"Payment\"'::regclass"))!;

    /// <summary>The process id of this schema's listening session, once there is one (other than <paramref name="except"/>).</summary>
    private async Task<int> WaitForListenerAsync(int except = 0)
    {
        var pid = 0;
        await Eventually.UntilAsync(
            async () =>
            {
                pid = await _schema.ScalarAsync(
                    "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%' AND pid <> $2", _schema.Name, except) is int found ? found : 0;
                return pid != 0;
            },
            "a session listens");
        return pid;
    }
}
