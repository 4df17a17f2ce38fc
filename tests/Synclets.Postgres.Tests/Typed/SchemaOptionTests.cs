using Npgsql;
using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.Postgres.Tests.Support;
using Synclets.Relational;
using Synclets.Transports.Memory;

namespace Synclets.Postgres.Tests.Typed;

/// <summary>
/// Tables go in the schema their options name, whatever the connection's search path: typed
/// tables in one, the synclet's bookkeeping in another, with names quoted however odd.
/// </summary>
public sealed class SchemaOptionTests : IAsyncLifetime
{
    private ScratchSchema _connection = null!;
    private ScratchSchema _app = null!;
    private string _bookkeeping = null!;

    public async Task InitializeAsync()
    {
        (_connection, _app) = (await ScratchSchema.CreateAsync(), await ScratchSchema.CreateAsync());
        _bookkeeping = _app.Name + "_sync \"x\".y";   // a quote and a dot, taken literally
        await _app.ExecuteAsync($"CREATE SCHEMA \"{_bookkeeping.Replace("\"", "\"\"")}\"");
    }

    public async Task DisposeAsync()
    {
        await _app.ExecuteAsync($"DROP SCHEMA \"{_bookkeeping.Replace("\"", "\"\"")}\" CASCADE");
        await _app.DisposeAsync();
        await _connection.DisposeAsync();
    }

    [Fact]
    public async Task Typed_tables_and_bookkeeping_tables_go_in_their_own_schemas()
    {
        var options = new TypedTableOptions { Schema = _app.Name, Tree = new TreeTableOptions { Schema = _bookkeeping } };
        var row = new Payment(Guid.NewGuid(), 1.5m, 2, DateTimeOffset.UnixEpoch, null, TimeSpan.Zero, "in a schema");
        await using (var payments = await CreateAsync(options))
        {
            await payments.SetAsync(row);
            await _connection.ExecuteAsync($"UPDATE \"{_app.Name}\".\"Payment\" SET \"Note\" = 'changed in SQL'");
            Assert.Equal(1, await ((PostgresTypedDataConnector)payments.Synclet.DataConnector!).SyncChangedAsync());
        }

        Assert.Equal(new[] { "Payment" }, await TablesInAsync(_app.Name));
        Assert.Equal(new[] { "synclets_hashes", "synclets_tree" }, await TablesInAsync(_bookkeeping));
        Assert.Empty(await TablesInAsync(_connection.Name));

        // Reopened, the existing tables are found and checked where the options say.
        await using var reopened = await CreateAsync(options);
        Assert.Equal(row with { Note = "changed in SQL" }, await reopened.GetAsync(row.Id));
    }

    [Fact]
    public async Task A_tree_in_a_named_schema_syncs_with_a_memory_peer()
    {
        var pool = Guid.NewGuid().ToString("N");
        var (data, meta) = new PostgresStore(_connection.DataSource).CreateConnectors(depth: 3, new TreeTableOptions { Schema = _bookkeeping });
        await using var stored = await Synclet.CreateAsync(new SyncletComponents(data, meta, new MemoryTransport(pool)), options: new SyncletOptions { Id = "stored" });
        await using var memory = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(3), new MemoryMetaConnector(3), new MemoryTransport(pool)),
            options: new SyncletOptions { Id = "memory" });

        await memory.SetAtomAsync(new Address("t", "r", "c"), "from memory");
        await Task.WhenAll(stored.StartAsync(), memory.StartAsync());

        await Eventually.UntilAsync(async () => (await stored.GetAtomAsync(new Address("t", "r", "c"))) == "from memory", "the stored synclet holds the memory peer's write");
        Assert.Equal("\"from memory\"", await _app.ScalarAsync($"SELECT atom FROM \"{_bookkeeping.Replace("\"", "\"\"")}\".synclets_tree WHERE address1 = 't' AND address2 = 'r' AND address3 = 'c'"));
    }

    [Fact]
    public async Task A_schema_that_does_not_exist_fails_the_start_and_creates_nothing()
    {
        var options = new TypedTableOptions { Schema = _app.Name, Tree = new TreeTableOptions { Schema = _app.Name + "_missing" } };

        var error = await Assert.ThrowsAsync<PostgresException>(() => CreateAsync(options));

        Assert.Equal(PostgresErrorCodes.InvalidSchemaName, error.SqlState);
        Assert.Empty(await TablesInAsync(_app.Name));
    }

    private async Task<PaymentSynclet> CreateAsync(TypedTableOptions options)
    {
        var (data, meta) = new PostgresStore(_connection.DataSource).CreateConnectors(PaymentTableMap.Instance, options);
        return await PaymentSynclet.CreateAsync(new SyncletComponents(data, meta));
    }

    private async Task<List<string>> TablesInAsync(string schema)
    {
        var tables = new List<string>();
        await using var command = _app.DataSource.CreateCommand("SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename");
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
