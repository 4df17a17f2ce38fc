// Two typed synclets over memory parts: every read and write below is checked at compile time.
using Synclets;
using Synclets.Connectors.Memory;
using Synclets.Transports.Memory;
using TodoSample;

await using var laptop = await CreateAsync("laptop");
await using var phone = await CreateAsync("phone");
await laptop.StartAsync();
await phone.StartAsync();

var arrived = ArrivalOf(phone, "t2");
await laptop.Projects.SetAsync(new Project("home", "Home"));
await laptop.Todos.SetAsync(new Todo("t1", "Buy milk", Done: false, Priority.Normal, "home", Due: null));
await laptop.Todos.SetAsync(new Todo("t2", "Fix the bike", Done: false, Priority.High, "home", DateTimeOffset.Parse("2026-12-01T09:00:00+01:00")));
await arrived;

// The phone ticks one off: only the Done column changes, and only it travels back.
var ticked = ArrivalOf(laptop, "t1");
await phone.Todos.SetDoneAsync("t1", true);
await ticked;

foreach (var todo in (await laptop.Todos.GetAllAsync()).OrderBy(todo => todo.Id))
{
    var project = todo.ProjectId is { } projectId ? await laptop.Projects.GetAsync(projectId) : null;
    Console.WriteLine($"{(todo.Done ? "[x]" : "[ ]")} {todo.Title} ({todo.Priority}, {project?.Name ?? "no project"}{(todo.Due is { } due ? $", due {due:yyyy-MM-dd HH:mm zzz}" : "")})");
}

Console.WriteLine($"phone's title of t2: {await phone.Todos.GetTitleAsync("t2")}");

static Task<TodoDbSynclet> CreateAsync(string id) => TodoDbSynclet.CreateAsync(
    new SyncletComponents(new MemoryDataConnector(depth: 3), new MemoryMetaConnector(depth: 3), new MemoryTransport("todo-sample")),
    options: new SyncletOptions { Id = id });

// Completes when a peer's change to the to-do has been stored: an event, not a guess at how long sync takes.
static Task ArrivalOf(TodoDbSynclet synclet, string todoId)
{
    var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    synclet.Todos.RowChanged += (_, change) =>
    {
        if (change.Origin == ChangeOrigin.Remote && change.KeyIds[0] == todoId)
        {
            arrived.TrySetResult();
        }
    };
    return arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
}
