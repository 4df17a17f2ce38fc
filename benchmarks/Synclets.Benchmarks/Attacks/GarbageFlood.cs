using System.Diagnostics;
using System.Text;
using Synclets.Wire;

namespace Synclets.Benchmarks.Attacks;

/// <summary>Attack 7: 100,000 garbage packets and 10,000 undecodable messages. How much log do they write?</summary>
internal static class GarbageFlood
{
    public static async Task<AttackRow> RunAsync()
    {
        await using var target = await Target.StartAsync(WireFormat.Json, rows: 0);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 100_000; i++)
        {
            target.Attacker.Inject(Encoding.UTF8.GetBytes("garbage " + i));
        }

        for (var i = 0; i < 10_000; i++)
        {
            target.Attacker.Inject(Encoding.UTF8.GetBytes($"peer m{i} 0 1 [1,0,2,{i}"));
        }

        await target.Synclet.WhenReceivedProcessedAsync();
        return new AttackRow(
            7,
            "100,000 garbage packets and 10,000 undecodable messages",
            $"{clock.Elapsed.TotalSeconds:F2} s; {target.Log.Lines:N0} log lines ({target.Log.Characters / 1024.0:F1} KB) for " +
            $"{target.Attacker.Statistics.PacketsDropped:N0} packets and {target.Synclet.Statistics.MessagesRejected:N0} messages counted as dropped");
    }
}
