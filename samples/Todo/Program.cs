// Two typed synclets: every read and write below is checked at compile time. The laptop keeps its
// data in memory, or with `--sqlite todo.db` in real SQLite tables (todos, projects) you can query.
using Synclets;
using Synclets.Connectors;
using Synclets.Connectors.Memory;
using Synclets.Sqlite;
using Synclets.Transports.Memory;
using TodoSample;

var sqlitePath = args.SkipWhile(arg => arg != "--sqlite").Skip(1).FirstOrDefault();
(DataConnector, MetaConnector) laptopStore = sqlitePath is null
    ? (new MemoryDataConnector(depth: 3), new MemoryMetaConnector(depth: 3))
    : SqliteStore.ForFile(sqlitePath).CreateConnectors(TodoDb.Schema);
await using var laptop = await CreateAsync("laptop", laptopStore);
await using var phone = await CreateAsync("phone", (new MemoryDataConnector(depth: 3), new MemoryMetaConnector(depth: 3)));
await laptop.StartAsync();
await phone.StartAsync();

await laptop.Projects.SetAsync(new Project("home", "Home"));
await laptop.Todos.SetAsync(new Todo("t1", "Buy milk", Done: false, Priority.Normal, "home", Due: null));
await laptop.Todos.SetAsync(new Todo("t2", "Fix the bike", Done: false, Priority.High, "home", DateTimeOffset.Parse("2026-12-01T09:00:00+01:00")));
await WhenAsync(phone, async () => await phone.Todos.GetAsync("t2") is not null);

// The phone ticks one off: only the Done column changes, and only it travels back.
await phone.Todos.SetDoneAsync("t1", true);
await WhenAsync(laptop, async () => await laptop.Todos.GetDoneAsync("t1") == true);

foreach (var todo in (await laptop.Todos.GetAllAsync()).OrderBy(todo => todo.Id))
{
    var project = todo.ProjectId is { } projectId ? await laptop.Projects.GetAsync(projectId) : null;
    Console.WriteLine($"{(todo.Done ? "[x]" : "[ ]")} {todo.Title} ({todo.Priority}, {project?.Name ?? "no project"}{(todo.Due is { } due ? $", due {due:yyyy-MM-dd HH:mm zzz}" : "")})");
}

Console.WriteLine($"phone's title of t2: {await phone.Todos.GetTitleAsync("t2")}");

if (sqlitePath is not null)
{
    Console.WriteLine($"laptop's rows are in {sqlitePath}: try  sqlite3 {sqlitePath} 'SELECT * FROM todos'");
}

static Task<TodoDbSynclet> CreateAsync(string id, (DataConnector Data, MetaConnector Meta) store) => TodoDbSynclet.CreateAsync(
    new SyncletComponents(store.Data, store.Meta, new MemoryTransport("todo-sample")),
    options: new SyncletOptions { Id = id });

// Completes once the condition holds, checked now and after every change to the synclet's to-dos:
// waiting on events, not guessing how long sync takes.
static async Task WhenAsync(TodoDbSynclet synclet, Func<Task<bool>> condition)
{
    var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    void Check(object? sender, EventArgs args) => _ = CheckAsync();
    async Task CheckAsync()
    {
        try
        {
            if (await condition())
            {
                done.TrySetResult();
            }
        }
        catch (Exception exception)
        {
            done.TrySetException(exception);
        }
    }

    synclet.Todos.RowChanged += Check;
    try
    {
        Check(null, EventArgs.Empty);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
    finally
    {
        synclet.Todos.RowChanged -= Check;
    }
}
