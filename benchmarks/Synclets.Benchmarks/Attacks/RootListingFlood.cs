using System.Diagnostics;
using Synclets.Protocol;
using Synclets.Wire;

namespace Synclets.Benchmarks.Attacks;

/// <summary>
/// Attack 2: empty root listings (a few dozen bytes each) ask for the whole tree. Sent 100 times to a
/// peer holding 100,000 atoms, identical and then each one different; what did answering cost?
/// </summary>
internal static class RootListingFlood
{
    private const int Requests = 100;

    public static async Task<AttackRow> RunAsync(bool distinct)
    {
        await using var target = await Target.StartAsync(WireFormat.Json, rows: 10_000);
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Requests; i++)
        {
            var context = distinct ? new Dictionary<string, Atom> { ["n"] = i } : MessageContext.Empty;
            target.Attacker.InjectMessage("attacker", new Message(2, Address.Root, new SubNodesNode(new Dictionary<string, MessageNode>()), context));
        }

        await target.Synclet.WhenReceivedProcessedAsync();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - before;
        var statistics = target.Synclet.Statistics;
        return new AttackRow(
            2,
            $"{Requests} empty root listings{(distinct ? ", each different" : ", identical")}, to a peer of 100,000 atoms",
            $"{cpu.TotalSeconds:F2} CPU s, {clock.Elapsed.TotalSeconds:F2} s; {target.Attacker.PacketsSent:N0} packets sent; {statistics.AnswersCut} answers cut, {statistics.RequestsRepeated} repeats not answered");
    }
}
