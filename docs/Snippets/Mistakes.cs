using Microsoft.Extensions.Logging;
using Synclets;
using Synclets.Typed;

namespace Snippets;

internal static class Mistakes
{
    public static void PeerMismatches(Synclet synclet, ILogger logger)
    {
        #region readme: peer-mismatch
        synclet.PeerMismatch += (_, mismatch) =>
            logger.LogError("{Message}", mismatch.Message);   // once per peer: "Peer 'x' speaks MessagePack; this transport speaks JSON. …"
        Console.WriteLine(synclet.Statistics.PeerMismatches);
        #endregion
    }

    public static async Task MissingColumnsAsync(TodoDbSynclet db)
    {
        #region readme: missing-columns
        Todo? todo = await db.Todos.GetAsync("t1");                            // a column with no atom reads as its default
        IReadOnlyList<string> missing = await db.Todos.GetMissingColumnsAsync(["t1"]);   // e.g. ["Done"]: false above means "not synced yet"
        #endregion
    }

    public static void AdoptedChanges(SyncletTable<Todo> todos)
    {
        #region readme: external-changes
        todos.RowChanged += (_, change) =>
        {
            if (change.Origin == ChangeOrigin.External)   // a row updated with plain SQL, adopted by SyncChangedAsync or ListenForChanges
            {
                Console.WriteLine($"{change.KeyIds[0]}.{change.ColumnName}: {change.OldAtom} → {change.NewAtom}");
            }
        };
        #endregion
    }
}
