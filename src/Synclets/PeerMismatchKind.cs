namespace Synclets;

/// <summary>What a peer has that this synclet does not share, so the two cannot sync.</summary>
public enum PeerMismatchKind
{
    /// <summary>The peer's packets are in the other wire format (JSON against MessagePack).</summary>
    WireFormat,

    /// <summary>The peer's tree has another depth (its connectors or schema differ).</summary>
    Depth,

    /// <summary>The peer speaks another version of the sync protocol.</summary>
    ProtocolVersion,
}
