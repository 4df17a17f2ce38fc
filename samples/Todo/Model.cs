using Synclets.Typed;

namespace TodoSample;

public enum Priority
{
    Low,
    Normal,
    High,
}

/// <summary>A to-do item: one row of the "todos" table, keyed by its id.</summary>
[Synclet(Depth = 2)]
public partial record Todo(
    [property: SyncletKey] string Id,
    string Title,
    bool Done,
    Priority Priority,
    string? ProjectId,
    DateTimeOffset? Due);

/// <summary>A project that groups to-dos.</summary>
[Synclet(Depth = 2)]
public partial record Project([property: SyncletKey] string Id, string Name);

/// <summary>The app's schema: two tables, addressed as [table, id, column].</summary>
[Synclet(Depth = 3)]
public partial class TodoDb
{
    [SyncletTable("todos")]
    public partial SyncletTable<Todo> Todos { get; }

    [SyncletTable("projects")]
    public partial SyncletTable<Project> Projects { get; }
}
