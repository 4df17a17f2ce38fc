using Synclets.Relational;
using Synclets.Sqlite.Tests.Support;

namespace Synclets.Sqlite.Tests.Typed;

/// <summary>A typed synclet's rows are real rows of a real table with typed columns.</summary>
public sealed class TypedTableTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task The_table_has_typed_columns_and_the_keys_as_primary_key()
    {
        var path = _directory.NewDatabase();
        await using (var _ = (await TypedSynclets.CreateTodosAsync(path)).Synclet)
        {
        }

        Assert.Equal(
            "CREATE TABLE \"todos\" (\"id\" TEXT NOT NULL, \"title\" TEXT, \"done\" INTEGER, \"priority\" INTEGER, \"score\" REAL, PRIMARY KEY (\"id\"))",
            Probe.Schema(path).Single(row => row.Name == "todos").Sql);
    }

    [Fact]
    public async Task Select_star_shows_the_rows_the_synclet_wrote()
    {
        var path = _directory.NewDatabase();
        var (synclet, _) = await TypedSynclets.CreateTodosAsync(path);
        await using (synclet)
        {
            await synclet.SetAtomsAsync(new Dictionary<Address, Atom?>
            {
                [new("t1", "title")] = "Buy milk",
                [new("t1", "done")] = true,
                [new("t1", "priority")] = 2,
                [new("t1", "score")] = 0.5,
                [new("t2", "title")] = "Walk",
                [new("t2", "done")] = false,
            });
        }

        Assert.Equal(["t1 | Buy milk | 1 | 2 | 0.5", "t2 | Walk | 0 | NULL | NULL"], TypedSynclets.SelectAll(path));
    }

    [Fact]
    public async Task A_null_atom_and_an_absent_one_are_both_NULL_yet_stay_apart()
    {
        var path = _directory.NewDatabase();
        var (synclet, _) = await TypedSynclets.CreateTodosAsync(path);
        await using (synclet)
        {
            await synclet.SetAtomAsync(new Address("t1", "title"), "x");
            await synclet.SetAtomAsync(new Address("t1", "priority"), Atom.Null);
            Assert.Equal(Atom.Null, await synclet.GetAtomAsync(new Address("t1", "priority")));
            Assert.Null(await synclet.GetAtomAsync(new Address("t1", "score")));
            Assert.Equal(["t1 | x | NULL | NULL | NULL"], TypedSynclets.SelectAll(path));
        }

        var (reopened, _) = await TypedSynclets.CreateTodosAsync(path);
        await using (reopened)
        {
            Assert.Equal(Atom.Null, await reopened.GetAtomAsync(new Address("t1", "priority")));
            Assert.Null(await reopened.GetAtomAsync(new Address("t1", "score")));
        }
    }

    [Fact]
    public async Task Deleting_the_last_cell_deletes_the_row()
    {
        var path = _directory.NewDatabase();
        var (synclet, _) = await TypedSynclets.CreateTodosAsync(path);
        await using (synclet)
        {
            await synclet.SetAtomAsync(new Address("t1", "title"), "x");
            await synclet.SetAtomAsync(new Address("t1", "priority"), Atom.Null);
            await synclet.DelAtomAsync(new Address("t1", "title"));
            Assert.Equal(["t1 | NULL | NULL | NULL | NULL"], TypedSynclets.SelectAll(path));

            await synclet.DelAtomAsync(new Address("t1", "priority"));
            Assert.Empty(TypedSynclets.SelectAll(path));
        }
    }

    [Fact]
    public async Task A_typed_table_with_a_wrong_column_is_refused_and_left_alone()
    {
        var path = _directory.NewDatabase();
        Probe.Execute(path, "CREATE TABLE todos (id TEXT PRIMARY KEY, title TEXT, done TEXT, priority INTEGER, score REAL)");
        var before = Probe.Schema(path);

        var error = await Assert.ThrowsAsync<RelationalSchemaException>(() => TypedSynclets.CreateTodosAsync(path));

        Assert.Equal(("todos", "done", "INTEGER"), (error.Table, error.Column, error.ExpectedType));
        Assert.Contains("'todos'", error.Message);
        Assert.Equal(before, Probe.Schema(path));
    }

    [Fact]
    public async Task A_table_the_user_created_with_the_right_columns_is_used()
    {
        var path = _directory.NewDatabase();
        Probe.Execute(path, "CREATE TABLE todos (id TEXT NOT NULL PRIMARY KEY, title TEXT, done INTEGER, priority INTEGER, score REAL, extra TEXT)");
        var (synclet, _) = await TypedSynclets.CreateTodosAsync(path);
        await using (synclet)
        {
            await synclet.SetAtomAsync(new Address("t1", "title"), "x");
        }

        Assert.Equal(["t1 | x | NULL | NULL | NULL | NULL"], TypedSynclets.SelectAll(path));
    }

    public void Dispose() => _directory.Dispose();
}
