using System.Text;
using Synclets.Transports;
using Synclets.Wire;

namespace Synclets.Benchmarks.Attacks;

/// <summary>
/// Attack 6: a sender starts messages of 64 fragments of 1 MiB (the broker's largest frame) and
/// never finishes one — as a broadcast, every member of a room gets the same. Does an honest
/// peer's message still get through?
/// </summary>
internal static class FragmentBroadcast
{
    private const int FragmentBytes = 1024 * 1024;
    private const int Fragments = 320;

    public static async Task<AttackRow> RunAsync()
    {
        await using var target = await Target.StartAsync(WireFormat.Json, rows: 0);
        var fragment = new string('[', FragmentBytes);
        for (var i = 0; i < Fragments; i++)
        {
            target.Attacker.Inject(Encoding.UTF8.GetBytes($"flooder m{i / 63} {i % 63} 64 {fragment}"));
        }

        var held = PacketAssembler.ProcessPendingBytes;
        var json = """[1,0,2,["t","a"],["OhqqeV-----BT7zq","honest"],{}]""";
        target.Attacker.Inject(Encoding.UTF8.GetBytes($"honest h 0 2 {json[..20]}"));
        target.Attacker.Inject(Encoding.UTF8.GetBytes($"honest h 1 2 {json[20..]}"));
        await target.Synclet.WhenReceivedProcessedAsync();
        var applied = await target.Synclet.GetAtomAsync(new Address("t", "a")) is not null;
        var budget = new TransportOptions().MaxPendingBytes;
        return new AttackRow(
            6,
            $"{Fragments} fragments of 1 MiB of messages never completed, then an honest two-fragment message",
            $"the flooder holds {held / 1048576.0:F0} MiB of the {budget / 1048576} MiB budget; the honest message was {(applied ? "applied" : "**refused**")}; {target.Attacker.Statistics.PacketsDropped:N0} fragments dropped");
    }
}
