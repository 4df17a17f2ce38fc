using System.Text;

namespace Synclets.WebSockets.Tests.Support;

/// <summary>The smallest well-formed packets: what a flooder sends to get past every check but the rate.</summary>
internal static class TinyPackets
{
    /// <summary>
    /// A MessagePack packet <c>["*", id, 0, 1, bin(1)]</c>: one whole message of one byte for every
    /// peer of the room (receivers drop it as an undecodable message; the broker relays it).
    /// </summary>
    public static byte[] Broadcast(string messageId = "AAAAAAAA")
    {
        var id = Encoding.ASCII.GetBytes(messageId);
        return [0x95, 0xA1, (byte)'*', (byte)(0xA0 | id.Length), .. id, 0x00, 0x01, 0xC4, 0x01, 0x00];
    }
}
