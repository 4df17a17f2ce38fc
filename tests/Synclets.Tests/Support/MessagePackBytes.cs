using System.Buffers;
using MessagePack;

namespace Synclets.Tests.Support;

/// <summary>Hand-written MessagePack: payloads and packets no encoder of ours would produce. (The attack report uses it too.)</summary>
internal static class MessagePackBytes
{
    /// <summary>Writes MessagePack with a writer.</summary>
    public delegate void Body(ref MessagePackWriter writer);

    /// <summary>The bytes <paramref name="write"/> writes.</summary>
    public static byte[] Of(Body write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A packet <c>[from, messageId, 0, 1, payload]</c>: a whole message in one fragment, as a transport receives it.</summary>
    public static byte[] Packet(string from, string messageId, byte[] payload) =>
        Of((ref MessagePackWriter writer) =>
        {
            writer.WriteArrayHeader(5);
            writer.Write(from);
            writer.Write(messageId);
            writer.Write(0);
            writer.Write(1);
            writer.Write(payload);
        });
}
