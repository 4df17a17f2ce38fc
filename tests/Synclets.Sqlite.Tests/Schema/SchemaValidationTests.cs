using Synclets.Relational;
using Synclets.Sqlite.Tests.Support;

namespace Synclets.Sqlite.Tests.Schema;

/// <summary>
/// An existing table that does not fit is an error naming the table, the column and the expected
/// type; the database is left exactly as it was.
/// </summary>
public sealed class SchemaValidationTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public static TheoryData<string, string, string, string> Misfits => new()
    {
        // table SQL, table, column, expected type
        { "CREATE TABLE synclets_tree (scope TEXT, address1 TEXT, address2 TEXT, atom INTEGER, timestamp TEXT, PRIMARY KEY (scope, address1, address2))", "synclets_tree", "atom", "TEXT" },
        { "CREATE TABLE synclets_tree (scope TEXT, address1 TEXT, address2 TEXT, atom TEXT, timestamp TEXT, PRIMARY KEY (address1, address2))", "synclets_tree", "scope", "TEXT primary key" },
        { "CREATE TABLE synclets_hashes (scope TEXT, address TEXT, PRIMARY KEY (scope, address))", "synclets_hashes", "hash", "INTEGER" },
        { "CREATE TABLE synclets_tree (scope TEXT, address1 TEXT, address2 BLOB, atom TEXT, timestamp TEXT, PRIMARY KEY (scope, address1, address2))", "synclets_tree", "address2", "TEXT primary key" },
    };

    [Theory]
    [MemberData(nameof(Misfits))]
    public async Task A_table_that_does_not_fit_is_refused_and_left_alone(string createSql, string table, string column, string expectedType)
    {
        var path = _directory.NewDatabase();
        Probe.Execute(path, createSql + "; INSERT INTO " + table + " (scope) VALUES ('precious')");
        var schemaBefore = Probe.Schema(path);

        var error = await Assert.ThrowsAsync<RelationalSchemaException>(() => SqliteSynclets.CreateAsync(path, 2));

        Assert.Equal(table, error.Table);
        Assert.Equal(column, error.Column);
        Assert.Equal(expectedType, error.ExpectedType);
        Assert.Contains($"'{table}'", error.Message);
        Assert.Contains($"'{column}'", error.Message);
        Assert.Contains(expectedType, error.Message);
        Assert.Equal(schemaBefore, Probe.Schema(path));
        Assert.Equal(1, Probe.Count(path, table));
    }

    [Fact]
    public async Task A_table_made_for_a_deeper_tree_is_refused()
    {
        var path = _directory.NewDatabase();
        await using (await SqliteSynclets.CreateAsync(path, 3))
        {
        }

        var schemaBefore = Probe.Schema(path);
        var error = await Assert.ThrowsAsync<RelationalSchemaException>(() => SqliteSynclets.CreateAsync(path, 2));
        Assert.Equal("address3", error.Column);
        Assert.Equal(
            "Table 'synclets_tree' holds a deeper tree, of depth 3 (it has a column 'address3'); this connector has depth 2. " +
            "Nothing was changed: open the store with depth 3, or give trees of depth 2 a table of their own (TreeTableOptions.LeafTable).",
            error.Message);
        Assert.Equal(schemaBefore, Probe.Schema(path));
    }

    [Fact]
    public async Task A_table_made_for_a_shallower_tree_names_both_depths_and_not_a_column_to_add()
    {
        var path = _directory.NewDatabase();
        await using (var synclet = await SqliteSynclets.CreateAsync(path, 2))
        {
            await synclet.SetAtomAsync(new Address("row", "cell"), "value");
        }

        var schemaBefore = Probe.Schema(path);
        var error = await Assert.ThrowsAsync<RelationalSchemaException>(() => SqliteSynclets.CreateAsync(path, 3));

        Assert.Equal("address3", error.Column);
        Assert.Equal(
            "Table 'synclets_tree' holds a tree of depth 2 (it has no column 'address3'); this connector has depth 3. " +
            "Nothing was changed: open the store with depth 2, or give trees of depth 3 a table of their own (TreeTableOptions.LeafTable).",
            error.Message);
        Assert.Equal(schemaBefore, Probe.Schema(path));
        Assert.Equal(1, Probe.Count(path, "synclets_tree"));
    }

    [Fact]
    public async Task Tables_made_by_the_connectors_are_accepted_again_and_not_changed()
    {
        var path = _directory.NewDatabase();
        await using (var synclet = await SqliteSynclets.CreateAsync(path, 2))
        {
            await synclet.SetAtomAsync(new Address("row", "cell"), "value");
        }

        var schemaBefore = Probe.Schema(path);
        await using (var synclet = await SqliteSynclets.CreateAsync(path, 2))
        {
            Assert.Equal("value", await synclet.GetAtomAsync(new Address("row", "cell")));
        }

        Assert.Equal(schemaBefore, Probe.Schema(path));
    }

    [Fact]
    public async Task The_created_layout_is_the_documented_one()
    {
        var path = _directory.NewDatabase();
        await using (await SqliteSynclets.CreateAsync(path, 2))
        {
        }

        var schema = Probe.Schema(path).Where(row => row.Sql is not null).ToDictionary(row => row.Name, row => row.Sql);
        Assert.Equal(
            "CREATE TABLE \"synclets_tree\" (\"scope\" TEXT NOT NULL, \"address1\" TEXT NOT NULL, \"address2\" TEXT NOT NULL, \"atom\" TEXT, \"timestamp\" TEXT, " +
            "PRIMARY KEY (\"scope\", \"address1\", \"address2\")) WITHOUT ROWID",
            schema["synclets_tree"]);
        Assert.Equal(
            "CREATE TABLE \"synclets_hashes\" (\"scope\" TEXT NOT NULL, \"address\" TEXT NOT NULL, \"hash\" INTEGER, PRIMARY KEY (\"scope\", \"address\")) WITHOUT ROWID",
            schema["synclets_hashes"]);
        Assert.Equal(2, schema.Count);
    }

    [Fact]
    public void A_schema_is_refused_because_a_SQLite_file_has_none()
    {
        var store = SqliteStore.ForFile(_directory.NewDatabase());

        var tree = Assert.Throws<NotSupportedException>(() => store.CreateConnectors(2, new TreeTableOptions { Schema = "app" }));
        var typed = Assert.Throws<NotSupportedException>(() => store.CreateConnectors(Typed.TodoMap.Instance, new TypedTableOptions { Schema = "app" }));

        Assert.Contains("cannot be put in schema 'app'", tree.Message);
        Assert.Contains("table 'todos'", typed.Message);
    }

    [Fact]
    public void Options_that_name_a_column_twice_are_refused()
    {
        var store = SqliteStore.ForFile(_directory.NewDatabase());
        var error = Assert.Throws<ArgumentException>(() => new SqliteDataConnector(store, 2, new TreeTableOptions { AtomColumn = "address1" }));
        Assert.Contains("'address1' twice", error.Message);
    }

    public void Dispose() => _directory.Dispose();
}
