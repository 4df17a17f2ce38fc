using Synclets.Postgres.Tests.Support;
using Synclets.Relational;

namespace Synclets.Postgres.Tests.Typed;

/// <summary>
/// Decimals, ids and dates live in numeric, uuid and timestamp with time zone columns, so SQL can
/// compute with them; what those types change on the way in (an offset, a spelling, nanoseconds)
/// is never mistaken for another client's write.
/// </summary>
public sealed class NativeTypesTests : IAsyncLifetime
{
    private static readonly Guid Id = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");
    private static readonly Payment Row = new(
        Id, 12.50m, ulong.MaxValue, new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(2)),
        new DateTime(2026, 11, 27, 9, 30, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(90), "rent");

    private ScratchSchema _schema = null!;

    public async Task InitializeAsync() => _schema = await ScratchSchema.CreateAsync();

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task Typed_columns_are_created_with_PostgreSQL_types()
    {
        await using var payments = await CreateAsync();

        var types = new Dictionary<string, string>();
        await using var command = _schema.DataSource.CreateCommand(
            "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '\"Payment\"'::regclass AND attnum > 0");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            types[reader.GetString(0)] = reader.GetString(1);
        }

        Assert.Equal("uuid", types["Id"]);
        Assert.Equal("numeric", types["Amount"]);
        Assert.Equal("numeric", types["Units"]);
        Assert.Equal("timestamp with time zone", types["PaidAt"]);
        Assert.Equal("timestamp with time zone", types["BookedOn"]);
        Assert.Equal("text", types["Duration"]);
        Assert.Equal("text", types["Note"]);
    }

    [Fact]
    public async Task SQL_computes_with_the_values_the_synclet_wrote()
    {
        await using var payments = await CreateAsync();
        await payments.SetAsync(Row);

        Assert.Equal(25.00m, await _schema.ScalarAsync("SELECT \"Amount\" * 2 FROM \"Payment\" WHERE \"Id\" = $1", Id));
        Assert.Equal(true, await _schema.ScalarAsync("SELECT \"Units\" = 18446744073709551615 FROM \"Payment\""));
        Assert.Equal(true, await _schema.ScalarAsync("SELECT \"PaidAt\" = '2026-11-26T08:00:00Z' AND \"BookedOn\" - \"PaidAt\" = interval '1 day 01:30' FROM \"Payment\""));
        Assert.Equal(Row, await payments.GetAsync(Id));   // the synclet's own copy keeps the +02:00 offset
    }

    [Fact]
    public async Task Rows_changed_in_SQL_are_adopted_with_their_values()
    {
        await using var payments = await CreateAsync();
        await payments.SetAsync(Row);
        var other = Guid.NewGuid();

        await _schema.ExecuteAsync("UPDATE \"Payment\" SET \"Amount\" = \"Amount\" + 0.25, \"PaidAt\" = \"PaidAt\" + interval '1 day'");
        await _schema.ExecuteAsync(
            "INSERT INTO \"Payment\" (\"Id\", \"Amount\", \"Units\", \"PaidAt\", \"Duration\", \"Note\") VALUES ($1, 3.10, 7, '2026-01-02T03:04:05.123456Z', '00:01:00', 'from SQL')", other);

        Assert.Equal(2 + 5, await ConnectorOf(payments).SyncChangedAsync());
        Assert.Equal(Row with { Amount = 12.75m, PaidAt = Row.PaidAt.AddDays(1) }, await payments.GetAsync(Id));
        var inserted = await payments.GetAsync(other);
        Assert.Equal(new Payment(other, 3.10m, 7, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1_234_560), null, TimeSpan.FromMinutes(1), "from SQL"), inserted);
        Assert.Equal(TimeSpan.Zero, inserted!.PaidAt.Offset);
        Assert.Equal(0, await ConnectorOf(payments).SyncChangedAsync());
    }

    [Fact]
    public async Task What_the_column_types_normalize_is_no_change()
    {
        var (data, meta) = new PostgresStore(_schema.DataSource).CreateConnectors(PaymentTableMap.Instance);
        await using var synclet = await Synclet.CreateAsync(new SyncletComponents(data, meta));
        var row = new Address(Id.ToString("D"));
        await synclet.SetAtomAsync(row.Append("Amount"), "1e3");                               // numeric reads 1000
        await synclet.SetAtomAsync(row.Append("PaidAt"), "2026-11-26T10:00:00.1234567+02:00"); // offset and 100 ns dropped
        await synclet.SetAtomAsync(row.Append("BookedOn"), "2026-11-26T10:00:00.0000000");     // no kind: taken as UTC

        Assert.Equal(1000m, await _schema.ScalarAsync("SELECT \"Amount\" FROM \"Payment\""));
        Assert.Equal(true, await _schema.ScalarAsync("SELECT \"PaidAt\" = '2026-11-26T08:00:00.123456Z' AND \"BookedOn\" = '2026-11-26T10:00:00Z' FROM \"Payment\""));
        Assert.Equal(0, await data.SyncChangedAsync());
        Assert.Equal("1e3", await synclet.GetAtomAsync(row.Append("Amount")));
    }

    [Fact]
    public async Task Values_dotnet_cannot_hold_are_left_alone()
    {
        await using var payments = await CreateAsync();
        await payments.SetAsync(Row);

        await _schema.ExecuteAsync("UPDATE \"Payment\" SET \"Amount\" = 'NaN', \"Units\" = 1e40, \"Note\" = 'changed'");

        Assert.Equal(1, await ConnectorOf(payments).SyncChangedAsync());
        Assert.Equal(Row with { Note = "changed" }, await payments.GetAsync(Id));
    }

    [Fact]
    public async Task An_infinite_timestamp_from_SQL_is_adopted_once()
    {
        await using var payments = await CreateAsync();
        await payments.SetAsync(Row);

        await _schema.ExecuteAsync("UPDATE \"Payment\" SET \"PaidAt\" = 'infinity'");

        Assert.Equal(1, await ConnectorOf(payments).SyncChangedAsync());
        Assert.Equal(0, await ConnectorOf(payments).SyncChangedAsync());
        Assert.Equal(DateTime.MaxValue, (await payments.GetPaidAtAsync(Id))!.Value.UtcDateTime);
    }

    [Fact]
    public async Task A_whole_numeric_key_written_with_a_scale_reads_as_its_canonical_id()
    {
        var (data, meta) = new PostgresStore(_schema.DataSource).CreateConnectors(LedgerTableMap.Instance);
        await using var ledger = await LedgerSynclet.CreateAsync(new SyncletComponents(data, meta));
        await ledger.SetAsync(new Ledger(ulong.MaxValue, "largest"));

        await _schema.ExecuteAsync("INSERT INTO \"Ledger\" (\"Number\", \"Note\") VALUES (5.0, 'from SQL'), (2.5, 'no ulong')");

        Assert.Equal(1, await data.SyncChangedAsync());   // 2.5 can be no key of the table: left out
        Assert.Equal(0, await data.SyncChangedAsync());
        Assert.Equal("from SQL", await ledger.GetNoteAsync(5));
        Assert.Equal("largest", await ledger.GetNoteAsync(ulong.MaxValue));
    }

    [Fact]
    public async Task A_text_column_where_numeric_is_needed_is_refused_by_name()
    {
        await _schema.ExecuteAsync(
            "CREATE TABLE \"Payment\" (\"Id\" uuid PRIMARY KEY, \"Amount\" text, \"Units\" numeric, \"PaidAt\" timestamptz, \"BookedOn\" timestamptz, \"Duration\" text, \"Note\" text)");

        var error = await Assert.ThrowsAsync<RelationalSchemaException>(() => CreateAsync());

        Assert.Equal("Amount", error.Column);
        Assert.Contains("needs numeric", error.Message);
    }

    private async Task<PaymentSynclet> CreateAsync()
    {
        var (data, meta) = new PostgresStore(_schema.DataSource).CreateConnectors(PaymentTableMap.Instance);
        return await PaymentSynclet.CreateAsync(new SyncletComponents(data, meta));
    }

    private static PostgresTypedDataConnector ConnectorOf(PaymentSynclet payments) =>
        (PostgresTypedDataConnector)payments.Synclet.DataConnector!;
}
