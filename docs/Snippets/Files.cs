using Synclets;
using Synclets.Connectors.Files;
using Synclets.Transports;

namespace Snippets;

internal static class Files
{
    public static async Task RunAsync(Transport transport)
    {
        #region readme: file-connectors
        await using var synclet = await Synclet.CreateAsync(new SyncletComponents(
            new FileDataConnector("todos/data.json", depth: 3),     // {"todos":{"t1":{"title":"Buy milk"}}}
            new FileMetaConnector("todos/meta.json", depth: 3),     // the same shape, timestamps as leaves
            transport));
        #endregion
    }

    public static async Task DirectoriesAsync(Transport transport)
    {
        #region readme: directory-connectors
        await using var synclet = await Synclet.CreateAsync(new SyncletComponents(
            new DirectoryDataConnector("todos/data", depth: 3),     // todos/data/todos/t1/title holds "Buy milk"
            new DirectoryMetaConnector("todos/meta", depth: 3),
            transport));
        #endregion
    }
}
