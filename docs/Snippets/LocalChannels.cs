using Synclets;
using Synclets.Connectors.Files;
using Synclets.Transports.Local;

namespace Snippets;

internal static class LocalChannels
{
    public static async Task RunAsync()
    {
        #region readme: local-transport
        // Every process of this user that names "notes" syncs with the others; no server to run.
        var transport = new LocalTransport("notes");
        transport.RoleChanged += (_, role) => Console.WriteLine($"on the channel as {role}");   // Hub, Member, Offline

        await using var synclet = await Synclet.CreateAsync(new SyncletComponents(
            new FileDataConnector("notes/data.json", depth: 2),
            new FileMetaConnector("notes/meta.json", depth: 2),
            transport));
        await synclet.StartAsync();
        #endregion
    }
}
