using System.Buffers;
using MessagePack;

namespace Synclets.Tests.Attacks;

/// <summary>
/// A compressed MessagePack payload of a few dozen bytes that claims far more once decompressed:
/// MessagePack-CSharp's Lz4BlockArray framing, <c>[ext 98 (uncompressed lengths…), bin block…]</c>,
/// with one block that claims <c>claimed</c> bytes and holds a handful. (The attack report uses it too.)
/// </summary>
internal static class DecompressionBomb
{
    /// <summary>A bomb; different <paramref name="variant"/>s give different bytes, so no two are the same message.</summary>
    public static byte[] Create(int claimed, byte variant = 0)
    {
        var lengths = new ArrayBufferWriter<byte>();
        var lengthWriter = new MessagePackWriter(lengths);
        lengthWriter.Write(claimed);
        lengthWriter.Flush();

        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(2);
        writer.WriteExtensionFormat(new ExtensionResult(98, lengths.WrittenMemory.ToArray()));
        writer.Write(new byte[] { 0x1F, 0x61, 0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, variant });
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A MessagePack packet carrying <paramref name="payload"/> whole, from <paramref name="from"/>.</summary>
    public static byte[] Packet(string from, string messageId, byte[] payload)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(5);
        writer.Write(from);
        writer.Write(messageId);
        writer.Write(0);
        writer.Write(1);
        writer.Write(payload);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
