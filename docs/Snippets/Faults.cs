using Synclets.Transports.Faults;

namespace Snippets;

internal static class Faults
{
    public static void BadNetwork()
    {
        #region readme: faulty-network
        var network = new FaultyNetwork(seed: 7)
        {
            Settings = new FaultSettings { DropRate = 0.2, DuplicateRate = 0.1, ReorderRate = 0.1, DelayRate = 0.1 },
        };
        var transport = network.MemoryTransport("room");      // or network.Wrap(new WsClientTransport(uri))
        network.Partition(["a", "b"], ["c"]);                // a and b cannot reach c, nor c them
        network.Heal();
        network.Settings = FaultSettings.None;               // faults stop; the next interval repairs
        Console.WriteLine(network.Statistics.Total);         // faults injected so far
        #endregion
    }
}
