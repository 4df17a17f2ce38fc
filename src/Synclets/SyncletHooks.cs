using Synclets.Protocol;

namespace Synclets;

/// <summary>
/// Optional callbacks that observe a synclet or decide what it sends and accepts. Each receives the
/// context of the message concerned (auth, tenancy, tracing). Hooks run on the synclet's operation
/// queue: they must not wait for another operation of the same synclet.
/// </summary>
public sealed record SyncletHooks
{
    /// <summary>Called when the synclet starts, before it connects.</summary>
    public Func<CancellationToken, ValueTask>? OnStart { get; init; }

    /// <summary>Called when the synclet stops, before it disconnects.</summary>
    public Func<CancellationToken, ValueTask>? OnStop { get; init; }

    /// <summary>Called when the synclet begins a sync of an address (the root on start).</summary>
    public Func<Address, CancellationToken, ValueTask>? OnSync { get; init; }

    /// <summary>Called for each message sent, with the addressee (<c>*</c> = every peer).</summary>
    public Func<Message, string, CancellationToken, ValueTask>? OnSendMessage { get; init; }

    /// <summary>Called for each valid message received, with the sender's id.</summary>
    public Func<Message, string, CancellationToken, ValueTask>? OnReceiveMessage { get; init; }

    /// <summary>Called for each atom written or deleted (null), locally or by a peer.</summary>
    public Func<Address, Atom?, CancellationToken, ValueTask>? OnSetAtom { get; init; }

    /// <summary>
    /// Produces the context sent with a message. Its argument is the context of the message being
    /// answered (empty for messages the synclet starts itself).
    /// </summary>
    public Func<IReadOnlyDictionary<string, Atom>, CancellationToken, ValueTask<IReadOnlyDictionary<string, Atom>>>? GetSendContext { get; init; }

    /// <summary>Whether to accept a message with this context at all; false drops it (logged and counted).</summary>
    public Func<IReadOnlyDictionary<string, Atom>, CancellationToken, ValueTask<bool>>? CanReceiveMessage { get; init; }

    /// <summary>Whether a peer sending this context may read the atom at an address.</summary>
    public Func<Address, IReadOnlyDictionary<string, Atom>, CancellationToken, ValueTask<bool>>? CanReadAtom { get; init; }

    /// <summary>Whether a peer sending this context may write this atom at an address.</summary>
    public Func<Address, Atom, IReadOnlyDictionary<string, Atom>, CancellationToken, ValueTask<bool>>? CanWriteAtom { get; init; }

    /// <summary>Whether a peer sending this context may delete the atom at an address.</summary>
    public Func<Address, IReadOnlyDictionary<string, Atom>, CancellationToken, ValueTask<bool>>? CanRemoveAtom { get; init; }

    /// <summary>
    /// Which children of a parent address a peer sending this context may see; the others (and
    /// everything below them) are neither sent, nor counted in hashes, nor accepted from that peer.
    /// </summary>
    public Func<Address, IReadOnlyList<string>, IReadOnlyDictionary<string, Atom>, CancellationToken, ValueTask<IReadOnlyList<string>>>? FilterChildIds { get; init; }
}
