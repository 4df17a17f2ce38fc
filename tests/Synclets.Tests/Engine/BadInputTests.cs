using System.Text;
using Microsoft.Extensions.Time.Testing;
using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.Tests.Support;
using Synclets.Transports;
using Synclets.Wire;

namespace Synclets.Tests.Engine;

/// <summary>Hostile or broken input is dropped, logged and counted: never thrown, never written, never answered.</summary>
[Collection(ProcessMemoryCollection.Name)]
public class BadInputTests : IAsyncLifetime
{
    private const string Write = """["OhqqeV-----BT7zq","x"]""";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000));
    private RawTransport _transport = null!;
    private Synclet _synclet = null!;

    public async Task InitializeAsync() => await CreateAsync(new TransportOptions { WireFormat = WireFormat.Json });

    public async Task DisposeAsync() => await _synclet.DisposeAsync();

    private async Task CreateAsync(TransportOptions options)
    {
        _transport = new RawTransport(options);
        _synclet = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(2), _transport),
            // No periodic syncs: the tests move the clock past timeouts and expect nothing sent.
            options: new SyncletOptions { Id = "victim", TimeProvider = _time, SyncInterval = Timeout.InfiniteTimeSpan });
        await _synclet.StartAsync();
        _transport.Sent.Clear();
    }

    private void InjectText(string packet) => _transport.Inject(Encoding.UTF8.GetBytes(packet));

    /// <summary>Waits for every earlier packet to be processed, then checks that none changed or sent anything.</summary>
    private async Task AssertNothingHappenedAsync()
    {
        await _synclet.WhenReceivedProcessedAsync();
        Assert.Empty(await _synclet.GetDataAsync());
        Assert.Empty(await _synclet.GetMetaAsync());
        Assert.Empty(_transport.Sent);
    }

    [Theory]
    [InlineData("[2,0,2,[\"t\",\"a\"]," + Write + ",{}]", "wrong version")]
    [InlineData("[1,0,3,[\"t\",\"a\",\"c\"]," + Write + ",{}]", "wrong depth")]
    public async Task Messages_of_another_version_or_depth_are_rejected_and_the_sender_is_shown_ours_once(string json, string what)
    {
        InjectText("peer m1 0 1 " + json);
        await _synclet.WhenReceivedProcessedAsync();
        InjectText("peer m2 0 1 " + json);   // after the first was processed, so it is no repeat of one waiting
        await _synclet.WhenReceivedProcessedAsync();
        await Eventually.UntilAsync(() => Task.FromResult(!_transport.Sent.IsEmpty), "the reply is sent");

        Assert.Empty(await _synclet.GetDataAsync());
        Assert.Empty(await _synclet.GetMetaAsync());
        Assert.True(_synclet.Statistics.MessagesRejected == 2, what);
        Assert.Equal("peer", Assert.Single(_transport.Sent).To);   // once, so a misconfigured peer finds out too
        Assert.IsType<Protocol.HashNode>(Assert.Single(_transport.SentMessages()).Node);
    }

    [Theory]
    [InlineData("[1,0,2,", "malformed JSON")]
    [InlineData("{\"not\":\"an array\"}", "wrong shape")]
    [InlineData("[1,1,2,[\"t\",\"a\"]," + Write + ",{}]", "wrong type")]
    [InlineData("[1,0,2,[\"t\",\"a\"],12345,{}]", "hash at a leaf")]
    [InlineData("[1,0,2,[],\"OhqqeV-----BT7zq\",{}]", "timestamp at the root")]
    [InlineData("[1,0,2,[\"t\",\"a\",\"x\"]," + Write + ",{}]", "address deeper than the tree")]
    [InlineData("[1,0,2,[],[{\"t\":[{\"a\":7}]}],{}]", "hash nested at a leaf")]
    [InlineData("[1,0,2,[\"t\",\"a\"],[\"not a timestamp\",\"x\"],{}]", "malformed timestamp")]
    public async Task Malformed_or_misaddressed_messages_are_rejected(string json, string what)
    {
        InjectText("peer m1 0 1 " + json);
        await AssertNothingHappenedAsync();
        Assert.True(_synclet.Statistics.MessagesRejected == 1, what);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("victim")]
    public async Task Messages_claiming_an_impossible_sender_are_rejected(string from)
    {
        InjectText($"{from} m1 0 1 [1,0,2,[\"t\",\"a\"],{Write},{{}}]");
        await AssertNothingHappenedAsync();
        Assert.Equal(1, _synclet.Statistics.MessagesRejected);
    }

    [Theory]
    [InlineData("peer m1 1 1 x")]
    [InlineData("peer m1 5 2 x")]
    [InlineData("peer m1 -1 2 x")]
    [InlineData("peer m1 0 0 x")]
    [InlineData("peer m1 0 999999999999 x")]
    [InlineData("peer m1 0 99999999 x")]
    [InlineData("peer m1 zero 1 x")]
    [InlineData("no-spaces-at-all")]
    [InlineData("")]
    public async Task Bad_fragment_headers_are_dropped(string packet)
    {
        InjectText(packet);
        await AssertNothingHappenedAsync();
        Assert.Equal(1, _transport.Statistics.PacketsDropped);
    }

    [Fact]
    public async Task Binary_garbage_is_dropped()
    {
        _transport.Inject([0xff, 0x00, 0xc1, 0x93, 0x20, 0x20, 0x20, 0x20]);
        await AssertNothingHappenedAsync();
        Assert.Equal(1, _transport.Statistics.PacketsDropped + _synclet.Statistics.MessagesRejected);
    }

    [Fact]
    public async Task Duplicate_fragments_are_dropped_and_the_message_still_applies_once()
    {
        var json = $"[1,0,2,[\"t\",\"a\"],{Write},{{}}]";
        InjectText("peer m1 0 2 " + json[..10]);
        InjectText("peer m1 0 2 " + json[..10]);
        InjectText("peer m1 1 2 " + json[10..]);

        // A copy arriving after completion cannot be told from a new message: it waits, never
        // completes, and is released after the timeout without being applied again.
        InjectText("peer m1 1 2 " + json[10..]);
        _time.Advance(_transport.Options.ReassemblyTimeout + TimeSpan.FromSeconds(2));
        InjectText("peer m1 1 2 " + json[10..]);

        await _synclet.WhenReceivedProcessedAsync();
        Assert.Equal("x", (await _synclet.GetAtomAsync(new Address("t", "a")))!.Value.AsString());
        Assert.Equal(1, _synclet.Statistics.MessagesProcessed);
        Assert.Equal(2, _transport.Statistics.PacketsDropped);
    }

    [Fact]
    public async Task A_message_never_completed_is_released_after_the_timeout()
    {
        InjectText("peer m1 0 2 [1,0,2,");
        _time.Advance(_transport.Options.ReassemblyTimeout + TimeSpan.FromSeconds(2));
        InjectText("peer m2 0 2 [1,0,2,");
        await AssertNothingHappenedAsync();
        Assert.Equal(1, _transport.Statistics.PacketsDropped);

        // The late remainder of the released message finds nothing to complete.
        InjectText("peer m1 1 2 [\"t\",\"a\"]," + Write + ",{}]");
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task A_100_MB_message_is_refused_by_the_size_limit_as_it_arrives()
    {
        await _synclet.DisposeAsync();
        await CreateAsync(new TransportOptions { WireFormat = WireFormat.Json, MaxMessageBytes = 1024 * 1024 });

        const int fragmentSize = 64 * 1024;
        const int total = 100 * 1024 * 1024 / fragmentSize;
        var filler = new string('x', fragmentSize);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var index = 0; index < total; index++)
        {
            InjectText($"peer big {index} {total} {filler}");
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        await AssertNothingHappenedAsync();
        Assert.True(_transport.Statistics.PacketsDropped >= total - 16, $"only {_transport.Statistics.PacketsDropped} of {total} fragments dropped");
        Assert.True(after - before < 16 * 1024 * 1024, $"{(after - before) / 1024 / 1024} MB retained");
    }

    [Fact]
    public async Task A_flood_of_incomplete_messages_keeps_memory_bounded()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < 100_000; i++)
        {
            InjectText($"peer{i % 500} m{i} 0 2 [1,0,2,[\"t\",\"a\"],");
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        await AssertNothingHappenedAsync();
        var options = _transport.Options;
        Assert.True(_transport.Statistics.PacketsDropped >= 100_000 - options.MaxPendingMessages);
        Assert.True(after - before < 16 * 1024 * 1024, $"{(after - before) / 1024 / 1024} MB retained");
    }

    [Fact]
    public async Task A_valid_message_after_all_that_is_still_applied()
    {
        InjectText("garbage");
        InjectText("peer m1 0 1 [1,0,9,[],0,{}]");
        InjectText($"peer m2 0 1 [1,0,2,[\"t\",\"a\"],{Write},{{}}]");
        await _synclet.WhenReceivedProcessedAsync();
        Assert.Equal("x", (await _synclet.GetAtomAsync(new Address("t", "a")))!.Value.AsString());
    }
}
