using Synclets.Tests.Attacks;
using Synclets.Tests.Support;
using Synclets.Wire;

namespace Synclets.Benchmarks.Attacks;

/// <summary>Attack 8: fifty 30-byte LZ4 payloads that each claim 60 MB. What does decoding them allocate?</summary>
internal static class DecompressionBombs
{
    private const int Claimed = 60 * 1024 * 1024;

    public static async Task<AttackRow> RunAsync()
    {
        await using var target = await Target.StartAsync(WireFormat.MessagePack, rows: 0);
        var packets = Enumerable.Range(0, 50).Select(i => MessagePackBytes.Packet("attacker", "m" + i, DecompressionBomb.Create(Claimed, (byte)i))).ToList();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        foreach (var packet in packets)
        {
            target.Attacker.Inject(packet);
        }

        await target.Synclet.WhenReceivedProcessedAsync();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        return new AttackRow(
            8,
            $"50 LZ4 payloads of {packets[0].Length} bytes claiming {Claimed / 1048576} MiB each",
            $"{allocated / 1048576.0:F1} MiB allocated in all; {target.Synclet.Statistics.MessagesRejected} refused");
    }
}
