namespace Synclets.Wire;

/// <summary>How messages and packets are encoded on a transport. Peers in one pool or room must agree.</summary>
public enum WireFormat
{
    /// <summary>Compact binary encoding, the default between .NET peers.</summary>
    MessagePack,

    /// <summary>The TypeScript Synclets text encoding, byte for byte, for interop with JavaScript peers.</summary>
    Json,
}
