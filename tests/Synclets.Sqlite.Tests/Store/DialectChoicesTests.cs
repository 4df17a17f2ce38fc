using System.Data.Common;
using Microsoft.Data.Sqlite;
using Synclets.Relational;
using Synclets.Sqlite.Tests.Durability;
using Synclets.Sqlite.Tests.Support;
using Synclets.Typed;

namespace Synclets.Sqlite.Tests.Store;

/// <summary>
/// What a dialect may leave out or choose: without an XOR upsert, hashes are read and written one by
/// one and still come out right; any number of rows per statement writes the same data; none is refused.
/// </summary>
public sealed class DialectChoicesTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 1)]
    [InlineData(false, 3)]
    [InlineData(true, 7)]
    public async Task Hashes_and_rows_come_out_the_same_whatever_the_dialect_chooses(bool xorUpsert, int rowsPerStatement)
    {
        var path = _directory.NewDatabase();
        var store = new PlainStore(new ChoosingDialect(xorUpsert, rowsPerStatement), path);
        await using (var synclet = await Synclet.CreateAsync(new SyncletComponents(new PlainData(store), new PlainMeta(store)), options: new SyncletOptions { Id = "plain" }))
        {
            await synclet.SetAtomsAsync(Enumerable.Range(0, 50).Select(i => new KeyValuePair<Address, Atom?>(new Address("t" + (i % 3), "r" + (i % 7), "c" + i), "v" + i)));
            await synclet.SetAtomsAsync(Enumerable.Range(0, 20).Select(i => new KeyValuePair<Address, Atom?>(new Address("t" + (i % 3), "r" + (i % 7), "c" + i), i % 2 == 0 ? null : (Atom?)("w" + i))));
            Assert.Equal(40, (await synclet.GetDataAsync()).Leaves().Count());
        }

        Assert.Empty(StoredHashes.Mismatches(path, 3));
    }

    [Fact]
    public void A_dialect_that_allows_no_rows_per_statement_is_refused()
    {
        var store = new PlainStore(new ChoosingDialect(true, 0), _directory.NewDatabase());
        var exception = Assert.Throws<ArgumentException>(() => new PlainMeta(store));
        Assert.Contains("MaxRowsPerStatement is 0", exception.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>SQLite's dialect, with or without its XOR upsert, and with a chosen number of rows per statement.</summary>
    private sealed class ChoosingDialect(bool xorUpsert, int rowsPerStatement) : ISqlDialect
    {
        private static readonly ISqlDialect Sqlite = SqliteDialect.Instance;

        public string Name => "SQLite, by choice";

        public int MaxRowsPerStatement => rowsPerStatement;

        public string ColumnsQuery => Sqlite.ColumnsQuery;

        public string QuoteIdentifier(string name) => Sqlite.QuoteIdentifier(name);

        public string QuoteTable(string? schema, string table) => Sqlite.QuoteTable(schema, table);

        public string ParameterName(int index) => Sqlite.ParameterName(index);

        public string TypeName(SyncletColumnType type) => Sqlite.TypeName(type);

        public bool IsType(string declaredType, SyncletColumnType type) => Sqlite.IsType(declaredType, type);

        public string Upsert(string quotedTable, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns, IReadOnlyList<string> updatedColumns, int rows = 1) =>
            Sqlite.Upsert(quotedTable, columns, keyColumns, updatedColumns, rows);

        public string? XorUpsert(string quotedTable, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns, string xorColumn, int rows) =>
            xorUpsert ? Sqlite.XorUpsert(quotedTable, columns, keyColumns, xorColumn, rows) : null;

        public bool IsPrimaryKeyFlag(object value) => Sqlite.IsPrimaryKeyFlag(value);

        public bool TryToColumnValue(Atom atom, SyncletColumnType type, out object value) => Sqlite.TryToColumnValue(atom, type, out value);

        public bool TryFromColumnValue(object value, SyncletColumnType type, out Atom atom) => Sqlite.TryFromColumnValue(value, type, out atom);

        public bool TryKeyToColumnValue(string id, SyncletColumnType type, out object value) => Sqlite.TryKeyToColumnValue(id, type, out value);

        public string KeyFromColumnValue(object value, SyncletColumnType type) => Sqlite.KeyFromColumnValue(value, type);
    }

    private sealed class PlainStore(ISqlDialect dialect, string path) : RelationalStore(dialect)
    {
        protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
    }

    private sealed class PlainData(RelationalStore store) : RelationalDataConnector(store, 3, null);

    private sealed class PlainMeta(RelationalStore store) : RelationalMetaConnector(store, 3, null);
}
