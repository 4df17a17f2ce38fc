using Synclets.Conformance;
using Synclets.Connectors;
using Synclets.Connectors.Memory;
using Synclets.Transports;
using Synclets.Transports.Local;
using Synclets.Wire;

namespace Synclets.Tests.Local;

/// <summary>
/// Memory connectors over local transports whose hub is another process: for each pool, a child
/// process joins the channel first (with a synclet that holds nothing) and so becomes its hub;
/// every packet of the scenario then crosses from this process to that one and back.
/// </summary>
public sealed class RelayHubPartsFactory : ISyncletPartsFactory
{
    // One child process serves the channels of every test; it lives as long as the test run.
    private static readonly Lazy<(LocalPeerProcess Process, string Directory)> s_relay = new(StartRelay);
    private readonly HashSet<string> _channels = [];

    public string Name => "local-across-processes";

    public Task<(DataConnector Data, MetaConnector Meta)> CreateConnectorsAsync(int depth, string syncletId) =>
        Task.FromResult<(DataConnector, MetaConnector)>((new MemoryDataConnector(depth), new MemoryMetaConnector(depth)));

    public async Task<Transport> CreateTransportAsync(string poolId, WireFormat wireFormat)
    {
        var (relay, directory) = s_relay.Value;
        if (!_channels.Contains(poolId))
        {
            Assert.Equal("hub", await relay.AskAsync("relay " + poolId));
            _channels.Add(poolId);
        }

        return new LocalTransport(poolId, new LocalTransportOptions { Directory = directory, WireFormat = wireFormat });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static (LocalPeerProcess, string) StartRelay()
    {
        var directory = Directory.CreateTempSubdirectory("synclets-relay-").FullName;
        var relay = LocalPeerProcess.StartRelay(directory, "msgpack");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            relay.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
            Directory.Delete(directory, recursive: true);
        };
        return (relay, directory);
    }
}
