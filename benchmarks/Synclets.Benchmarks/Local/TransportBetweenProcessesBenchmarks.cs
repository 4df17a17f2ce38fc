using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Synclets.Connectors.Memory;
using Synclets.Transports;
using Synclets.Transports.Local;
using Synclets.WebSockets.Client;
using Synclets.WebSockets.Server;

namespace Synclets.Benchmarks.Local;

/// <summary>
/// Two processes on one machine, this one and an echo peer, over a local channel (this process is
/// the hub, the peer connects over the Unix socket) and over WebSockets on loopback (both are
/// clients of a broker in this process, as apps on one machine would use it, its per-client rate
/// limit lifted). <c>RoundTrip</c>
/// writes one atom and waits for the peer's answering atom: the latency of a change there and
/// back. <c>Stream</c> writes 1,000 atoms one by one, then a ping; the answer carries how many the
/// peer received, which must be all: its time per atom (and Op/s) is the throughput.
/// </summary>
[MedianColumn]
[Config(typeof(OperationsPerSecondConfig))]
public class TransportBetweenProcessesBenchmarks
{
    private const int StreamAtoms = 1000;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _pongs = new();
    private DirectoryInfo? _directory;
    private WsServer? _broker;
    private EchoPeerProcess _peer = null!;
    private Synclet _synclet = null!;
    private int _pings;
    private long _streamed;

    [Params("local", "websocket")]
    public string Transport { get; set; } = "local";

    [GlobalSetup]
    public async Task ConnectAsync()
    {
        Transport transport;
        string[] peerArguments;
        if (Transport == "local")
        {
            _directory = Directory.CreateTempSubdirectory("synclets-bench-local-");
            transport = new LocalTransport("bench", new LocalTransportOptions { Directory = _directory.FullName });
            peerArguments = ["local", _directory.FullName, "bench"];
        }
        else
        {
            // The broker's per-client rate limit (2,000 packets a second past a burst) would be what the stream measures.
            _broker = await WsServer.StartAsync(WebSockets.WsLoadReport.AnyLoopbackPort, new WsServerOptions
            {
                MaxPacketsPerSecondPerClient = 1e9,
                PacketBurstPerClient = 1e9,
            });
            var room = new Uri(_broker.Url!, "/bench");
            transport = new WsClientTransport(room);
            peerArguments = ["ws", room.ToString()];
        }

        _synclet = await Synclet.CreateAsync(new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(2), transport));
        _synclet.AtomChanged += (_, change) =>
        {
            if (change.Origin == ChangeOrigin.Remote && change.Address[0] == "pong" && _pongs.TryRemove(change.Address[1], out var pong))
            {
                pong.TrySetResult(change.NewAtom?.AsInteger() ?? -1);
            }
        };
        await _synclet.StartAsync();
        _peer = await EchoPeerProcess.StartAsync(peerArguments);
        await PingAsync();
    }

    [Benchmark]
    public Task<long> RoundTrip() => PingAsync();

    [Benchmark(OperationsPerInvoke = StreamAtoms)]
    public async Task Stream()
    {
        var first = _streamed;
        for (var i = 0; i < StreamAtoms; i++)
        {
            await _synclet.SetAtomAsync(new Address("bulk", "b" + (first + i)), i);
        }

        _streamed += StreamAtoms;
        var received = await PingAsync();
        if (received != _streamed)
        {
            throw new InvalidOperationException($"The peer received {received} of the {_streamed} atoms streamed.");
        }
    }

    [GlobalCleanup]
    public async Task DisconnectAsync()
    {
        await _peer.DisposeAsync();
        await _synclet.DisposeAsync();
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        _directory?.Delete(recursive: true);
    }

    /// <summary>Writes a ping and waits for its pong: what the pong carries is the count of streamed atoms the peer received.</summary>
    private async Task<long> PingAsync()
    {
        var id = (++_pings).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pong = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pongs[id] = pong;
        await _synclet.SetAtomAsync(new Address("ping", id), 0);
        return await pong.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private sealed class OperationsPerSecondConfig : ManualConfig
    {
        public OperationsPerSecondConfig() => AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
