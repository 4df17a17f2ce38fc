using System.Collections.Concurrent;
using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.Transports.Memory;

namespace Synclets.Tests.Engine;

public class HooksTests : IAsyncLifetime
{
    private readonly string _pool = Guid.NewGuid().ToString("N");
    private readonly List<Synclet> _synclets = [];

    private async Task<Synclet> CreateAsync(string id, SyncletHooks? hooks = null, int depth = 2)
    {
        var synclet = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(depth), new MemoryMetaConnector(depth), new MemoryTransport(_pool)),
            hooks,
            new SyncletOptions { Id = id });
        _synclets.Add(synclet);
        return synclet;
    }

    private static IReadOnlyDictionary<string, Atom> Token(string token) => new Dictionary<string, Atom> { ["token"] = token };

    private static ValueTask<bool> HasToken(IReadOnlyDictionary<string, Atom> context, string token) =>
        ValueTask.FromResult(context.TryGetValue("token", out var value) && value == token);

    [Fact]
    public async Task Context_flows_from_GetSendContext_to_CanReceiveMessage()
    {
        var received = new ConcurrentBag<IReadOnlyDictionary<string, Atom>>();
        var sender = await CreateAsync("sender", new SyncletHooks { GetSendContext = (_, _) => ValueTask.FromResult(Token("secret")) });
        var receiver = await CreateAsync("receiver", new SyncletHooks
        {
            CanReceiveMessage = (context, _) =>
            {
                received.Add(context);
                return HasToken(context, "secret");
            },
        });
        await Task.WhenAll(sender.StartAsync(), receiver.StartAsync());

        await sender.SetAtomAsync(new Address("t", "a"), "hello");
        await Eventually.UntilAsync(async () => await receiver.GetAtomAsync(new Address("t", "a")) == "hello", "the receiver has the atom");
        Assert.Contains(received, context => context.TryGetValue("token", out var token) && token == "secret");
    }

    [Fact]
    public async Task CanReceiveMessage_false_drops_the_message_and_counts_it()
    {
        var impostor = await CreateAsync("impostor", new SyncletHooks { GetSendContext = (_, _) => ValueTask.FromResult(Token("wrong")) });
        var friend = await CreateAsync("friend", new SyncletHooks { GetSendContext = (_, _) => ValueTask.FromResult(Token("secret")) });
        var guarded = await CreateAsync("guarded", new SyncletHooks { CanReceiveMessage = (context, _) => HasToken(context, "secret") });
        await guarded.StartAsync();
        await impostor.StartAsync();
        await friend.StartAsync();

        await impostor.SetAtomAsync(new Address("t", "bad"), "x");
        await friend.SetAtomAsync(new Address("t", "good"), "y");
        await Eventually.UntilAsync(async () => await guarded.GetAtomAsync(new Address("t", "good")) == "y", "the friend's atom arrives");

        Assert.Null(await guarded.GetAtomAsync(new Address("t", "bad")));
        Assert.True(guarded.Statistics.MessagesRejected > 0);
    }

    [Fact]
    public async Task CanWriteAtom_false_blocks_exactly_those_writes()
    {
        var writer = await CreateAsync("writer");
        var reader = await CreateAsync("reader", new SyncletHooks
        {
            CanWriteAtom = (address, _, _, _) => ValueTask.FromResult(address[0] != "readonly"),
            CanRemoveAtom = (address, _, _) => ValueTask.FromResult(address[0] != "readonly"),
        });
        await reader.SetAtomAsync(new Address("readonly", "kept"), "mine");
        await Task.WhenAll(writer.StartAsync(), reader.StartAsync());

        await writer.SetAtomAsync(new Address("readonly", "x"), "blocked");
        await writer.SetAtomAsync(new Address("open", "x"), "allowed");
        await Eventually.UntilAsync(async () => await reader.GetAtomAsync(new Address("open", "x")) == "allowed", "the open write arrives");
        Assert.Null(await reader.GetAtomAsync(new Address("readonly", "x")));

        // Deleting is a write too: the reader's own atom, synced to the writer, cannot be deleted from there.
        await Eventually.UntilAsync(async () => await writer.GetAtomAsync(new Address("readonly", "kept")) == "mine", "the writer sees the reader's atom");
        await writer.DelAtomAsync(new Address("readonly", "kept"));
        await writer.SetAtomAsync(new Address("open", "after"), 1);
        await Eventually.UntilAsync(async () => await reader.GetAtomAsync(new Address("open", "after")) == 1, "later writes arrive");
        Assert.Equal("mine", (await reader.GetAtomAsync(new Address("readonly", "kept")))!.Value.AsString());
    }

    [Fact]
    public async Task CanReadAtom_false_keeps_atoms_from_peers()
    {
        var owner = await CreateAsync("owner", new SyncletHooks
        {
            CanReadAtom = (address, _, _) => ValueTask.FromResult(address[0] != "private"),
        });
        await owner.SetAtomAsync(new Address("private", "diary"), "secret");
        await owner.SetAtomAsync(new Address("public", "note"), "hi");
        var peer = await CreateAsync("peer");
        await Task.WhenAll(owner.StartAsync(), peer.StartAsync());

        await Eventually.UntilAsync(async () => await peer.GetAtomAsync(new Address("public", "note")) == "hi", "the public atom arrives");
        await peer.SyncAsync();
        await owner.SyncAsync();
        await peer.SetAtomAsync(new Address("public", "flush"), 1);
        await Eventually.UntilAsync(async () => await owner.GetAtomAsync(new Address("public", "flush")) == 1, "later traffic has flowed");
        Assert.Null(await peer.GetAtomAsync(new Address("private", "diary")));
    }

    [Fact]
    public async Task FilterChildIds_hides_subtrees()
    {
        var owner = await CreateAsync("owner", new SyncletHooks
        {
            FilterChildIds = (address, ids, _, _) =>
                ValueTask.FromResult<IReadOnlyList<string>>(address.IsRoot ? [.. ids.Where(id => id != "hidden")] : ids),
        }, depth: 3);
        await owner.SetAtomAsync(new Address("hidden", "r", "c"), "secret");
        await owner.SetAtomAsync(new Address("shown", "r", "c"), "visible");
        var peer = await CreateAsync("peer", depth: 3);
        await Task.WhenAll(owner.StartAsync(), peer.StartAsync());

        await Eventually.UntilAsync(async () => await peer.GetAtomAsync(new Address("shown", "r", "c")) == "visible", "the visible subtree arrives");
        await peer.SyncAsync();
        await peer.SetAtomAsync(new Address("shown", "r", "flush"), 1);
        await Eventually.UntilAsync(async () => await owner.GetAtomAsync(new Address("shown", "r", "flush")) == 1, "later traffic has flowed");
        Assert.False((await peer.GetDataAsync()).ContainsKey("hidden"));
    }

    [Fact]
    public async Task Lifecycle_and_traffic_hooks_are_called()
    {
        var calls = new ConcurrentQueue<string>();
        var observed = await CreateAsync("observed", new SyncletHooks
        {
            OnStart = _ => { calls.Enqueue("start"); return ValueTask.CompletedTask; },
            OnStop = _ => { calls.Enqueue("stop"); return ValueTask.CompletedTask; },
            OnSync = (address, _) => { calls.Enqueue("sync " + address); return ValueTask.CompletedTask; },
            OnSendMessage = (_, to, _) => { calls.Enqueue("send " + to); return ValueTask.CompletedTask; },
            OnReceiveMessage = (_, from, _) => { calls.Enqueue("receive " + from); return ValueTask.CompletedTask; },
            OnSetAtom = (address, atom, _) => { calls.Enqueue($"set {address}={atom}"); return ValueTask.CompletedTask; },
        });
        var other = await CreateAsync("other");
        await other.SetAtomAsync(new Address("t", "a"), 1);
        await other.StartAsync();
        await observed.StartAsync();
        await Eventually.UntilAsync(async () => await observed.GetAtomAsync(new Address("t", "a")) == 1, "the atom arrives");
        await observed.StopAsync();

        Assert.Equal("start", calls.First());
        Assert.Equal("stop", calls.Last());
        Assert.Contains("sync ", calls);
        Assert.Contains("send *", calls);
        Assert.Contains("receive other", calls);
        Assert.Contains("set t/a=1", calls);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var synclet in _synclets)
        {
            await synclet.DisposeAsync();
        }
    }
}
