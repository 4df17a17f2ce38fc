// A typed model the generator turns into TodoSynclet, TodoDbSynclet and their table maps.
namespace Sample
{
    public enum Priority { Low, High }

    [global::Synclets.Typed.Synclet(Depth = 2)]
    public partial record Todo([property: global::Synclets.Typed.SyncletKey] string Id, string Title, bool Done, int? Priority, Priority Level);

    [global::Synclets.Typed.Synclet(Depth = 3)]
    public partial class TodoDb
    {
        public partial global::Synclets.Typed.SyncletTable<Todo> Todos { get; }
    }
}
