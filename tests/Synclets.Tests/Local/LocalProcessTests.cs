using Synclets.Conformance.Support;

namespace Synclets.Tests.Local;

/// <summary>Processes on a local channel: they find each other, converge, survive the hub's death and keep channels apart.</summary>
public sealed class LocalProcessTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("synclets-local-");
    private readonly List<LocalPeerProcess> _peers = [];

    [Theory]
    [InlineData("msgpack")]
    [InlineData("json")]
    public async Task Four_processes_on_one_channel_converge(string format)
    {
        for (var i = 0; i < 4; i++)
        {
            _peers.Add(await LocalPeerProcess.StartPeerAsync(_directory.FullName, "team", "p" + i, format));
        }

        Assert.Single(_peers, peer => peer.Role == "hub");
        Assert.Equal(3, _peers.Count(peer => peer.Role == "member"));
        await Task.WhenAll(_peers.Select(peer => peer.AskAsync("write 200")));

        await ConvergedAsync(_peers, _peers.ToDictionary(peer => peer.Name, _ => 200));
    }

    [Fact]
    public async Task Two_channels_in_one_folder_stay_apart()
    {
        var (a0, a1) = (await StartAsync("north", "a0"), await StartAsync("north", "a1"));
        var (b0, b1) = (await StartAsync("south", "b0"), await StartAsync("south", "b1"));
        Assert.Equal("hub", a0.Role);
        Assert.Equal("hub", b0.Role);
        await Task.WhenAll(_peers.Select(peer => peer.AskAsync("write 50")));

        await ConvergedAsync([a0, a1], new() { ["a0"] = 50, ["a1"] = 50 });
        await ConvergedAsync([b0, b1], new() { ["b0"] = 50, ["b1"] = 50 });
        foreach (var peer in new[] { b0, b1 })
        {
            Assert.Equal(0, await peer.AskNumberAsync("count a0"));
            Assert.Equal(0, await peer.AskNumberAsync("count a1"));
        }

        Assert.NotEqual(await a0.AskAsync("digest"), await b0.AskAsync("digest"));
    }

    [Fact]
    public async Task The_hub_killed_mid_traffic_20_rounds_in_a_row_the_others_take_over_and_converge()
    {
        var next = 0;
        for (var i = 0; i < 4; i++)
        {
            await StartAsync("kill", "p" + next++);
        }

        var written = new Dictionary<string, int>();
        for (var round = 0; round < 20; round++)
        {
            var hub = await OnlyHubAsync(round);

            // Everyone writes; once each has written a few atoms since this round began, the hub dies mid-stream.
            var before = new Dictionary<LocalPeerProcess, int>();
            foreach (var peer in _peers)
            {
                before[peer] = await peer.AskNumberAsync("written");
                await peer.AskAsync("traffic");
            }

            foreach (var peer in _peers)
            {
                await Eventually.UntilAsync(async () => await peer.AskNumberAsync("written") >= before[peer] + 20, $"round {round}: {peer.Name} wrote 20 atoms");
            }

            await hub.KillAsync();
            _peers.Remove(hub);
            written.Remove(hub.Name);
            foreach (var peer in _peers)
            {
                written[peer.Name] = await peer.AskNumberAsync("quiet");
            }

            await ConvergedAsync(_peers, written, $"round {round}: ");


            // A newcomer replaces the dead hub and catches up with everything.
            var newcomer = await StartAsync("kill", "p" + next++);
            written[newcomer.Name] = 0;
            await ConvergedAsync(_peers, written, $"round {round}, after {newcomer.Name} joined: ");
            await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_socket_file_left_by_a_killed_hub_does_not_block_the_next_one()
    {
        var hub = await StartAsync("stale", "h");
        Assert.Equal("hub", hub.Role);
        var socket = Assert.Single(_directory.GetFiles("*.sock"));
        await hub.KillAsync();
        _peers.Remove(hub);
        Assert.True(File.Exists(socket.FullName), "the killed hub left its socket file behind");

        var next = await StartAsync("stale", "n");
        Assert.Equal("hub", next.Role);
        var member = await StartAsync("stale", "m");
        Assert.Equal("member", member.Role);
        await Task.WhenAll(next.AskAsync("write 10"), member.AskAsync("write 10"));
        await ConvergedAsync(_peers, new() { ["n"] = 10, ["m"] = 10 });
        await hub.DisposeAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var peer in _peers)
        {
            await peer.DisposeAsync();
        }

        _directory.Delete(recursive: true);
    }

    private async Task<LocalPeerProcess> StartAsync(string channel, string name)
    {
        var peer = await LocalPeerProcess.StartPeerAsync(_directory.FullName, channel, name);
        _peers.Add(peer);
        return peer;
    }

    /// <summary>Waits until exactly one of the peers says it is the hub (after a takeover the others may still be rejoining).</summary>
    private async Task<LocalPeerProcess> OnlyHubAsync(int round)
    {
        LocalPeerProcess[] hubs = [];
        await Eventually.UntilAsync(async () =>
        {
            var roles = await Task.WhenAll(_peers.Select(peer => peer.AskAsync("role")));
            hubs = [.. _peers.Where((_, i) => roles[i] == "hub")];
            return hubs.Length == 1 && roles.Count(role => role == "member") == _peers.Count - 1;
        }, $"round {round}: one hub and {_peers.Count - 1} members");
        return hubs[0];
    }

    /// <summary>For a failure: each peer's role, what it dropped, and the addresses it lacks that others hold.</summary>
    private static async Task<string> DescribeAsync(IReadOnlyList<LocalPeerProcess> peers)
    {
        var leaves = new Dictionary<LocalPeerProcess, HashSet<string>>();
        foreach (var peer in peers)
        {
            leaves[peer] = [.. (await peer.AskAsync("leaves")).Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        }

        var all = leaves.Values.SelectMany(set => set).ToHashSet();
        var lines = new List<string>();
        foreach (var peer in peers)
        {
            var missing = all.Except(leaves[peer]).Order(StringComparer.Ordinal).ToList();
            lines.Add($"{peer.Name} ({await peer.AskAsync("role")}; {await peer.AskAsync("stats")}) lacks {missing.Count}: {string.Join(' ', missing.Take(10))}");
        }

        return string.Join("; ", lines);
    }

    /// <summary>Waits until every peer holds every table's rows and all hold the same tree.</summary>
    private static async Task ConvergedAsync(IReadOnlyList<LocalPeerProcess> peers, Dictionary<string, int> rows, string when = "")
    {
        var seen = "";
        try
        {
            await Eventually.UntilAsync(async () =>
        {
            foreach (var peer in peers)
            {
                foreach (var (table, count) in rows)
                {
                    var held = await peer.AskNumberAsync("count " + table);
                    if (held != count)
                    {
                        seen = $"{peer.Name} holds {held} of {table}'s {count} rows";
                        return false;
                    }
                }
            }

            var digests = await Task.WhenAll(peers.Select(peer => peer.AskAsync("digest")));
            seen = "the trees differ: " + string.Join(", ", digests);
            return digests.Distinct().Count() == 1;
            }, $"{when}the peers converge");
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"{exception.Message} Last seen: {seen}. {await DescribeAsync(peers)}", exception);
        }
    }
}
