using Microsoft.Extensions.Logging;
using Synclets;
using Synclets.Typed;

namespace Snippets;

internal static class Conflicts
{
    public static void AtomConflicts(Synclet synclet, ILogger logger)
    {
        #region readme: atom-conflict
        var options = new SyncletOptions { Id = "a", SyncInterval = TimeSpan.FromSeconds(10) };
        synclet.AtomConflict += (_, conflict) =>
            logger.LogInformation("{Address}: our {Mine} ({MyTime}) lost to {Theirs} ({TheirTime}) from {Peer}",
                conflict.Address, conflict.LocalAtom, conflict.LocalTimestamp, conflict.RemoteAtom, conflict.RemoteTimestamp, conflict.Peer);
        #endregion
    }

    public static void RowConflicts(SyncletTable<Todo> todos)
    {
        #region readme: row-conflict
        todos.RowConflict += (_, conflict) =>
        {
            if (conflict.ColumnName == TodoSyncletTableExtensions.Columns.Title)
            {
                var (mine, theirs) = conflict.TitleValues();   // both as string?
            }
        };
        #endregion
    }
}
