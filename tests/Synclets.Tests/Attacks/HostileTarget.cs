using Microsoft.Extensions.Time.Testing;
using Synclets.Connectors.Memory;
using Synclets.Protocol;
using Synclets.Tests.Support;
using Synclets.Transports;
using Synclets.Wire;

namespace Synclets.Tests.Attacks;

/// <summary>A synclet on memory connectors whose only peer is a scripted, hostile one.</summary>
internal sealed class HostileTarget : IAsyncDisposable
{
    private HostileTarget(Synclet synclet, RawTransport peer, CountingLogger log, FakeTimeProvider time)
    {
        Synclet = synclet;
        Peer = peer;
        Log = log;
        Time = time;
    }

    public Synclet Synclet { get; }

    /// <summary>The attacker's side of the connection: inject packets, read what the target sent.</summary>
    public RawTransport Peer { get; }

    public CountingLogger Log { get; }

    /// <summary>The target's clock; nothing moves it but the test (no periodic syncs either).</summary>
    public FakeTimeProvider Time { get; }

    public static async Task<HostileTarget> StartAsync(int depth, WireFormat format, SyncletOptions? options = null, TransportOptions? transportOptions = null)
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000));
        var log = new CountingLogger();
        var peer = new RawTransport((transportOptions ?? new TransportOptions()) with { WireFormat = format });
        var synclet = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(depth), new MemoryMetaConnector(depth), peer),
            options: (options ?? new SyncletOptions()) with { Id = "target", Logger = log, TimeProvider = time, SyncInterval = Timeout.InfiniteTimeSpan });
        await synclet.StartAsync();
        peer.Sent.Clear();
        return new HostileTarget(synclet, peer, log, time);
    }

    /// <summary>Fills the target with <paramref name="rows"/> rows of <paramref name="columns"/> cells (depth 2), sending nothing.</summary>
    public Task FillAsync(int rows, int columns) =>
        Synclet.SetAtomsAsync(
            from row in Enumerable.Range(0, rows)
            from column in Enumerable.Range(0, columns)
            select new KeyValuePair<Address, Atom?>(new Address("r" + row, "c" + column), row * columns + column),
            sync: false);

    /// <summary>Sends a message from <paramref name="from"/> as the attacker.</summary>
    public void Send(string from, Message message) => Peer.InjectMessage(from, message);

    /// <summary>How many leaves (<c>[timestamp, atom]</c>) the target has sent back so far.</summary>
    public int LeavesSent() => Peer.SentMessages().Sum(message => CountLeaves(message.Node));

    public ValueTask DisposeAsync() => Synclet.DisposeAsync();

    private static int CountLeaves(MessageNode node) => node switch
    {
        TimestampAndAtomNode => 1,
        SubNodesNode subNodes => subNodes.Children.Values.Sum(CountLeaves),
        _ => 0,
    };
}
