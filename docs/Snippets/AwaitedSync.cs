using Synclets;

namespace Snippets;

internal static class AwaitedSync
{
    public static async Task RunAsync(Synclet synclet)
    {
        #region readme: awaited-sync
        synclet.PeerSyncStateChanged += (_, change) => Console.WriteLine($"{change.Peer}: {change.State}");   // Syncing, InSync, Unknown

        await synclet.StartAsync();
        SyncResult first = await synclet.WhenSyncedAsync(new Progress<SyncProgress>(progress =>
            Console.WriteLine($"{progress.AtomsReceived} atoms, {progress.PartsOutstanding} parts awaited")));
        if (!first.IsComplete)
        {
            Console.WriteLine($"not in step yet: {first.Problem}");                  // "no peer answered in time"
        }

        SyncResult again = await synclet.SyncAsync();                                  // compare and exchange, then wait
        Console.WriteLine(again);   // complete in 12 ms with 2 peer(s); 40 atoms received, 3 sent; …
        SyncResult quick = await synclet.SyncAsync(new SyncRequest { Timeout = TimeSpan.FromSeconds(2) }, CancellationToken.None);
        #endregion
        _ = quick;
    }
}
