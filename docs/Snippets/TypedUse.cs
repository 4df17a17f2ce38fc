using Synclets;

namespace Snippets;

internal static class TypedUse
{
    public static async Task RunAsync(SyncletComponents components)
    {
        #region readme: typed-use
        await using var db = await TodoDbSynclet.CreateAsync(components);      // same parts as Synclet.CreateAsync
        await db.Todos.SetAsync(new Todo("t1", "Buy milk", false, Priority.High));   // writes only changed columns
        Todo? todo = await db.Todos.GetAsync("t1");
        await db.Todos.SetDoneAsync("t1", true);                                 // one column, typed
        string? title = await db.Todos.GetTitleAsync("t1");
        db.Todos.RowChanged += (_, change) => Console.WriteLine($"{change.KeyIds[0]}.{change.ColumnName} ({change.Origin})");
        #endregion
    }
}
