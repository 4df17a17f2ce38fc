using Synclets.Conformance.Support;
using Synclets.Connectors.Memory;
using Synclets.Protocol;
using Synclets.Transports.Memory;
using Synclets.Wire;

namespace Synclets.Tests.Attacks;

/// <summary>
/// No cheap request buys expensive work: an empty root listing of a few bytes asks for the whole
/// tree, so what one peer can make a synclet read and send is bounded by its budget.
/// </summary>
public sealed class AnswerBudgetTests
{
    private const int Rows = 1_000;
    private const int Columns = 10;
    private const int Tree = Rows * Columns;

    [Fact]
    public async Task A_hundred_distinct_root_listings_cost_about_the_budget_not_a_hundred_trees()
    {
        var options = new SyncletOptions { PeerBudget = new PeerBudgetOptions { Burst = 50_000, PerSecond = 1 } };
        await using var target = await HostileTarget.StartAsync(2, WireFormat.Json, options);
        await target.FillAsync(Rows, Columns);

        for (var i = 0; i < 100; i++)
        {
            // A different context each time, so no two requests are the same bytes.
            target.Send("attacker", EmptyRootListing(new Dictionary<string, Atom> { ["n"] = i }));
        }

        await target.Synclet.WhenReceivedProcessedAsync();
        var sent = target.LeavesSent();
        Assert.True(sent <= 6 * Tree, $"{sent:N0} leaves sent for 100 requests; the budget allows about {50_000 / (Tree + Rows)} trees");
        Assert.True(sent >= 4 * Tree, $"only {sent:N0} leaves sent: the budget should allow about four trees");
        Assert.True(target.Synclet.Statistics.AnswersCut >= 90);
        Assert.Equal(100, target.Synclet.Statistics.MessagesProcessed);
    }

    [Fact]
    public async Task The_same_request_repeated_while_the_first_waits_is_answered_once()
    {
        await using var target = await HostileTarget.StartAsync(2, WireFormat.Json);
        await target.FillAsync(Rows, Columns);

        for (var i = 0; i < 100; i++)
        {
            target.Send("attacker", EmptyRootListing(MessageContext.Empty));
        }

        await target.Synclet.WhenReceivedProcessedAsync();

        // The first may be taken before the second arrives; every later copy finds one waiting.
        Assert.True(target.Synclet.Statistics.RequestsRepeated >= 98, $"{target.Synclet.Statistics.RequestsRepeated} repeats noticed");
        Assert.True(target.LeavesSent() <= 2 * Tree);
    }

    [Fact]
    public async Task An_answer_to_a_peer_that_has_left_is_abandoned()
    {
        await using var target = await HostileTarget.StartAsync(2, WireFormat.MessagePack);
        await target.FillAsync(Rows, Columns);
        target.Peer.PeerPresent = false;

        target.Send("gone", EmptyRootListing(MessageContext.Empty));
        await target.Synclet.WhenReceivedProcessedAsync();

        Assert.Empty(target.Peer.Sent);
        Assert.Equal(1, target.Synclet.Statistics.AnswersCut);
    }

    [Fact]
    public async Task An_honest_initial_sync_of_100k_atoms_is_not_cut_by_the_default_budget()
    {
        var pool = Guid.NewGuid().ToString("N");
        await using var full = await Synclet.CreateAsync(new SyncletComponents(new MemoryDataConnector(3), new MemoryMetaConnector(3), new MemoryTransport(pool)), options: new SyncletOptions { Id = "full" });
        await using var empty = await Synclet.CreateAsync(new SyncletComponents(new MemoryDataConnector(3), new MemoryMetaConnector(3), new MemoryTransport(pool)), options: new SyncletOptions { Id = "empty" });
        await full.SetAtomsAsync(
            from table in Enumerable.Range(0, 10)
            from row in Enumerable.Range(0, 1_000)
            from column in Enumerable.Range(0, 10)
            select new KeyValuePair<Address, Atom?>(new Address("t" + table, "r" + row, "c" + column), row),
            sync: false);

        await full.StartAsync();
        await empty.StartAsync();
        await Eventually.UntilAsync(async () => (await empty.GetMetaAsync()).Equals(await full.GetMetaAsync()), "the empty synclet holds all 100k atoms", TimeSpan.FromSeconds(60));

        Assert.Equal(0, full.Statistics.AnswersCut + empty.Statistics.AnswersCut);
    }

    private static Message EmptyRootListing(IReadOnlyDictionary<string, Atom> context) =>
        new(2, Address.Root, new SubNodesNode(new Dictionary<string, MessageNode>()), context);
}
