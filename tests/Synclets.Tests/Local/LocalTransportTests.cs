using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using Microsoft.Extensions.Logging;
using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.Logging;
using Synclets.Tests.Support;
using Synclets.Transports.Local;

namespace Synclets.Tests.Local;

/// <summary>One process' view of a local channel: roles, takeover, the folder's permissions, and peers that misbehave.</summary>
[UnsupportedOSPlatform("windows")] // Unix sockets and modes; Windows uses named pipes
public sealed class LocalTransportTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("synclets-local-");
    private readonly List<Synclet> _synclets = [];

    [Fact]
    public async Task The_first_to_join_is_the_hub_and_the_next_ones_members()
    {
        var roles = new ConcurrentQueue<LocalTransportRole>();
        var (a, aTransport) = await JoinAsync(onRole: roles.Enqueue);
        var (b, bTransport) = await JoinAsync();
        Assert.Equal(LocalTransportRole.Hub, aTransport.Role);
        Assert.Equal(LocalTransportRole.Member, bTransport.Role);
        Assert.Equal([LocalTransportRole.Hub], roles);

        await a.SetAtomAsync(new Address("t", "from-a"), 1);
        await b.SetAtomAsync(new Address("t", "from-b"), 2);
        await SameDataAsync(a, b);

        await a.StopAsync();
        Assert.Equal([LocalTransportRole.Hub, LocalTransportRole.Offline], roles);
    }

    [Fact]
    public async Task When_the_hub_stops_a_member_takes_over_and_a_write_made_meanwhile_reaches_everyone()
    {
        var (a, aTransport) = await JoinAsync();
        var (b, bTransport) = await JoinAsync();
        var (c, cTransport) = await JoinAsync();
        await a.SetAtomAsync(new Address("t", "before"), 1);
        await SameDataAsync(a, b, c);

        await a.StopAsync();
        await Eventually.UntilAsync(() => Task.FromResult(
            new[] { bTransport.Role, cTransport.Role }.Order().SequenceEqual([LocalTransportRole.Hub, LocalTransportRole.Member])), "b and c are hub and member");
        await b.SetAtomAsync(new Address("t", "after"), 2);

        // The old hub comes back as a member, and the rejoin's sync brings it what it missed.
        await a.SetAtomAsync(new Address("t", "while-away"), 3, sync: false);
        await a.StartAsync();
        Assert.Equal(LocalTransportRole.Member, aTransport.Role);
        await SameDataAsync(a, b, c);
        Assert.Equal(3, (await c.GetAtomAsync(new Address("t", "while-away")))?.AsInteger());
    }

    [Fact]
    public async Task Two_channels_in_one_folder_stay_apart()
    {
        var (north, _) = await JoinAsync("north");
        var (northToo, _) = await JoinAsync("north");
        var (south, southTransport) = await JoinAsync("south");
        Assert.Equal(LocalTransportRole.Hub, southTransport.Role);

        await north.SetAtomAsync(new Address("t", "n"), 1);
        await south.SetAtomAsync(new Address("t", "s"), 2);
        await SameDataAsync(north, northToo);
        Assert.Null(await north.GetAtomAsync(new Address("t", "s")));
        Assert.Null(await south.GetAtomAsync(new Address("t", "n")));
    }

    [Fact]
    public async Task The_folder_is_owner_only_and_so_is_the_socket()
    {
        var folder = Path.Combine(_directory.FullName, "channels");
        await JoinAsync(options: Options() with { Directory = folder });
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        var socket = Assert.Single(Directory.GetFiles(folder, "*.sock"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socket));

        // A folder left open to others is closed again before use.
        await DisposeAllAsync();
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        await JoinAsync(options: Options() with { Directory = folder });
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }

    [Fact]
    public async Task A_folder_that_is_a_symbolic_link_or_too_deep_for_a_socket_is_refused_with_a_clear_error()
    {
        var target = Directory.CreateDirectory(Path.Combine(_directory.FullName, "elsewhere"));
        var link = Directory.CreateSymbolicLink(Path.Combine(_directory.FullName, "link"), target.FullName);
        var refused = await Assert.ThrowsAsync<IOException>(() => JoinAsync(options: Options() with { Directory = link.FullName }));
        Assert.Contains("symbolic link", refused.Message, StringComparison.Ordinal);
        Assert.Contains(link.FullName, refused.Message, StringComparison.Ordinal);

        var deep = Path.Combine(_directory.FullName, new string('d', 100));
        var tooLong = await Assert.ThrowsAsync<IOException>(() => JoinAsync(options: Options() with { Directory = deep }));
        Assert.Contains("longer than the 103 bytes", tooLong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_socket_file_left_behind_does_not_block_the_next_hub()
    {
        // What a killed hub leaves: a socket file no one listens on.
        var (first, _) = await JoinAsync();
        var socketPath = Assert.Single(_directory.GetFiles("*.sock")).FullName;
        await DisposeAllAsync();
        using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            // .NET removes the file of a socket it bound when the socket closes; moved away, the file stays, as after a kill.
            var bound = socketPath + ".bound";
            dead.Bind(new UnixDomainSocketEndPoint(bound));
            File.Move(bound, socketPath);
        }

        Assert.True(File.Exists(socketPath));
        var (hub, hubTransport) = await JoinAsync();
        var (member, memberTransport) = await JoinAsync();
        Assert.Equal(LocalTransportRole.Hub, hubTransport.Role);
        Assert.Equal(LocalTransportRole.Member, memberTransport.Role);
        await hub.SetAtomAsync(new Address("t", "x"), 1);
        await SameDataAsync(hub, member);
    }

    [Fact]
    public async Task A_connection_that_does_not_greet_is_closed_and_counted_and_the_hub_serves_on()
    {
        var (hub, hubTransport) = await JoinAsync();
        using var stranger = await ConnectRawAsync();
        await stranger.SendAsync(Frame(Encoding.ASCII.GetBytes("GET / HTTP/1.1")));
        Assert.Equal(0, await ReadToEndAsync(stranger, skipHello: true));
        await Eventually.UntilAsync(() => Task.FromResult(hubTransport.Statistics.PacketsDropped == 1), "the stranger is counted");

        var (member, _) = await JoinAsync();
        await hub.SetAtomAsync(new Address("t", "x"), 1);
        await SameDataAsync(hub, member);
    }

    [Fact]
    public async Task An_oversize_frame_ends_its_connection_before_anything_is_allocated_and_a_malformed_packet_is_dropped()
    {
        var (hub, hubTransport) = await JoinAsync();
        var (member, _) = await JoinAsync();

        using var malformed = await ConnectRawAsync(greet: true);
        await malformed.SendAsync(Frame([0xC1, 0x00, 0xFF]));
        await Eventually.UntilAsync(() => Task.FromResult(hubTransport.Statistics.PacketsDropped == 1), "the malformed packet is counted");

        using var huge = await ConnectRawAsync(greet: true);
        var header = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, int.MaxValue);
        await huge.SendAsync(header);
        Assert.Equal(0, await ReadToEndAsync(huge, skipHello: true));
        await Eventually.UntilAsync(() => Task.FromResult(hubTransport.Statistics.PacketsDropped == 2), "the oversize frame is counted");

        // The malformed sender is still connected: one bad packet costs only itself.
        await hub.SetAtomAsync(new Address("t", "x"), 1);
        await SameDataAsync(hub, member);
        Assert.True(malformed.Connected);
    }

    [Fact]
    public async Task Malformed_packets_of_every_size_are_each_counted_but_log_a_few_warnings()
    {
        var logger = new CountingLogger();
        var (_, hubTransport) = await JoinAsync(logger: logger);
        using var sender = await ConnectRawAsync(greet: true);
        for (var length = 1; length <= 200; length++)
        {
            await sender.SendAsync(Frame([0xC1, .. new byte[length]]));
        }

        await Eventually.UntilAsync(() => Task.FromResult(hubTransport.Statistics.PacketsDropped == 200), "every malformed packet is counted");
        Assert.InRange(logger.Warnings.Count, 1, LogThrottle.WarningsPerWindow);
        Assert.All(logger.Warnings, warning => Assert.Contains("a malformed packet", warning, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_process_that_reads_nothing_is_disconnected_once_its_backlog_is_full()
    {
        var (hub, hubTransport) = await JoinAsync(options: Options() with { MaxBacklogBytes = 64 * 1024 });
        var (member, _) = await JoinAsync();
        using var sleeper = await ConnectRawAsync(greet: true);

        var filler = new string('x', 1000);
        for (var batch = 0; hubTransport.Statistics.PacketsDropped == 0; batch++)
        {
            Assert.True(batch < 1000, "the sleeper was never disconnected");
            await hub.SetAtomsAsync(Enumerable.Range(0, 50).Select(i => KeyValuePair.Create(new Address("t" + batch, "r" + i), (Atom?)filler)));
        }

        Assert.True(await ReadToEndAsync(sleeper, skipHello: false) > 0, "the sleeper's connection ends after what it was sent before");
        await SameDataAsync(hub, member);
    }

    [Fact]
    public async Task A_hub_serving_its_maximum_turns_the_next_process_away_which_keeps_trying()
    {
        var (hub, hubTransport) = await JoinAsync(options: Options() with { MaxPeers = 1 });
        var (first, _) = await JoinAsync();
        var (second, secondTransport) = await JoinAsync(options: Options() with { ConnectTimeout = TimeSpan.FromMilliseconds(300) });
        Assert.Equal(LocalTransportRole.Offline, secondTransport.Role);
        Assert.True(hubTransport.Statistics.PacketsDropped >= 1);

        // Room again: the one turned away gets in by itself, and syncs.
        await first.StopAsync();
        await Eventually.UntilAsync(() => Task.FromResult(secondTransport.Role == LocalTransportRole.Member), "the second process gets in");
        await hub.SetAtomAsync(new Address("t", "x"), 1);
        await SameDataAsync(hub, second);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await DisposeAllAsync();
        _directory.Delete(recursive: true);
    }

    private LocalTransportOptions Options() => new() { Directory = _directory.FullName };

    private async Task<(Synclet Synclet, LocalTransport Transport)> JoinAsync(
        string channel = "channel", LocalTransportOptions? options = null, Action<LocalTransportRole>? onRole = null, ILogger? logger = null)
    {
        var transport = new LocalTransport(channel, options ?? Options());
        if (onRole is not null)
        {
            transport.RoleChanged += (_, role) => onRole(role);
        }

        var synclet = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(2), transport), options: new SyncletOptions { Logger = logger });
        _synclets.Add(synclet);
        await synclet.StartAsync();
        return (synclet, transport);
    }

    private async Task DisposeAllAsync()
    {
        foreach (var synclet in _synclets)
        {
            await synclet.DisposeAsync();
        }

        _synclets.Clear();
    }

    private static async Task SameDataAsync(params Synclet[] synclets)
    {
        await Eventually.UntilAsync(async () =>
        {
            foreach (var synclet in synclets)
            {
                var data = await synclet.GetDataAsync();
                if (!data.Equals(await synclets[0].GetDataAsync()) || data.Count == 0)
                {
                    return false;
                }
            }

            return true;
        }, "the synclets hold the same data");
    }

    private async Task<Socket> ConnectRawAsync(bool greet = false)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(Assert.Single(_directory.GetFiles("*.sock")).FullName));
        if (greet)
        {
            await socket.SendAsync(Frame(Encoding.ASCII.GetBytes("synclets-local/1")));
        }

        return socket;
    }

    private static byte[] Frame(byte[] payload)
    {
        var frame = new byte[payload.Length + 4];
        BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length);
        payload.CopyTo(frame, 4);
        return frame;
    }

    /// <summary>Reads until the hub closes the connection; returns the bytes read after its greeting (or all of them).</summary>
    private static async Task<int> ReadToEndAsync(Socket socket, bool skipHello)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[64 * 1024];
        var total = 0;
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
        {
            total += read;
        }

        return skipHello ? total - 20 : total;
    }
}
