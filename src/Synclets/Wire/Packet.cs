namespace Synclets.Wire;

/// <summary>
/// One packet on a transport: a fragment of an encoded message and where it belongs.
/// </summary>
/// <param name="Peer">
/// The leading field. As sent it is the addressee (a peer id, or <c>*</c> for every peer); a broker
/// or pool rewrites it to the sender's id, so a receiver reads it as "from".
/// </param>
/// <param name="MessageId">The id shared by every fragment of one message.</param>
/// <param name="Index">The position of this fragment, from 0.</param>
/// <param name="Total">How many fragments the message has (at least 1).</param>
/// <param name="Fragment">This fragment's bytes of the encoded message.</param>
public readonly record struct Packet(string Peer, string MessageId, int Index, int Total, ReadOnlyMemory<byte> Fragment);
