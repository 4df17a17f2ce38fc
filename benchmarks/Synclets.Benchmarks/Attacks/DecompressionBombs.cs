using System.Buffers;
using MessagePack;
using Synclets.Wire;

namespace Synclets.Benchmarks.Attacks;

/// <summary>Attack 8: fifty 30-byte LZ4 payloads that each claim 60 MB. What does decoding them allocate?</summary>
internal static class DecompressionBombs
{
    private const int Claimed = 60 * 1024 * 1024;

    public static async Task<AttackRow> RunAsync()
    {
        await using var target = await Target.StartAsync(WireFormat.MessagePack, rows: 0);
        var packets = Enumerable.Range(0, 50).Select(i => Packet("m" + i, Bomb((byte)i))).ToList();
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

    private static byte[] Bomb(byte variant)
    {
        var lengths = new ArrayBufferWriter<byte>();
        var lengthWriter = new MessagePackWriter(lengths);
        lengthWriter.Write(Claimed);
        lengthWriter.Flush();
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(2);
        writer.WriteExtensionFormat(new ExtensionResult(98, lengths.WrittenMemory.ToArray()));
        writer.Write(new byte[] { 0x1F, 0x61, 0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, variant });
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Packet(string messageId, byte[] payload)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(5);
        writer.Write("attacker");
        writer.Write(messageId);
        writer.Write(0);
        writer.Write(1);
        writer.Write(payload);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
