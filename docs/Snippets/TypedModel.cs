using Synclets.Typed;

namespace Snippets;

#region readme: typed-model
public enum Priority { Low, High }

[Synclet(Depth = 2)]                                   // [id, column]
public partial record Todo([property: SyncletKey] string Id, string Title, bool Done, Priority Priority);

[Synclet(Depth = 2)]
public partial record Project([property: SyncletKey] string Id, string Name);

[Synclet(Depth = 3)]                                   // [table, id, column]
public partial class TodoDb
{
    [SyncletTable("todos")] public partial SyncletTable<Todo> Todos { get; }
    [SyncletTable("projects")] public partial SyncletTable<Project> Projects { get; }
}
#endregion
