using MessagePack;
using Synclets.Tests.Support;

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
        var lengths = MessagePackBytes.Of((ref MessagePackWriter writer) => writer.Write(claimed));
        return MessagePackBytes.Of((ref MessagePackWriter writer) =>
        {
            writer.WriteArrayHeader(2);
            writer.WriteExtensionFormat(new ExtensionResult(98, lengths));
            writer.Write(new byte[] { 0x1F, 0x61, 0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, variant });
        });
    }
}
