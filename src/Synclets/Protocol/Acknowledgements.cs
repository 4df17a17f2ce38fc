using System.Diagnostics;

namespace Synclets.Protocol;

/// <summary>
/// How two .NET synclets tell "in step" from "no answer", within protocol v1: a peer whose hash
/// matches answers nothing, so silence says nothing. Every message a synclet sends to one peer that
/// acknowledges (one that asked or answered something itself), and the root hash that begins a sync,
/// carries, in its context, <see cref="AskKey"/>: "answer this". The receiver answers it exactly
/// once with <see cref="AnswersKey"/>: on its answer when it has one, otherwise on an
/// acknowledgement, an empty partial listing at the root that every v1 peer reads as "nothing to
/// say". A message it refuses, or fails to store, is not answered. The asker counts what it is owed per peer;
/// at zero, the two are done. A sync's root hash goes to every peer at once, including some the
/// asker does not know yet, so it carries <see cref="RoundKey"/>, and the answer to it carries the
/// same number back: the asker can tell the answer to a broadcast it did not count for that peer
/// from the answer to a message it did. A peer that never asks (a TypeScript one) is sent its
/// messages as before, is never sent an acknowledgement, and is not waited for.
/// </summary>
internal static class Acknowledgements
{
    /// <summary>The context key that asks the receiver to answer; its value is the sender's id (for people reading traffic).</summary>
    public const string AskKey = "synclets:ask";

    /// <summary>
    /// The context key of a message that answers what the receiver asked; its value is the receiver's
    /// id as the sender knows it and a number, so that no two answers are the same bytes (a receiver
    /// merges a message repeated while the first waits, and would then count one answer for two).
    /// </summary>
    public const string AnswersKey = "synclets:re";

    /// <summary>
    /// The context key of a sync's root hash and of the answer to it; its value numbers the sync
    /// (so that two syncs' root hashes also differ in bytes, and are never taken for one repeated message).
    /// </summary>
    public const string RoundKey = "synclets:round";

    /// <summary>
    /// The context key of the sending span's W3C trace context (<c>traceparent</c>), set beside
    /// <see cref="AskKey"/> while the sender's spans are recorded, so that the receiver's span of
    /// the message continues the sender's trace.
    /// </summary>
    public const string TraceKey = "synclets:trace";

    /// <summary>What an acknowledgement carries: an empty partial listing, which asks and changes nothing.</summary>
    public static SubNodesNode Empty { get; } = new(new Dictionary<string, MessageNode>(StringComparer.Ordinal), IsPartial: true);

    /// <summary>
    /// Whether the sender of a message with <paramref name="context"/> asked to be answered. Only
    /// the key counts, not the id it holds: behind a broker, a peer is known by the id the broker
    /// gave its connection, not by its own.
    /// </summary>
    public static bool Asks(IReadOnlyDictionary<string, Atom> context) => context.Count > 0 && context.ContainsKey(AskKey);

    /// <summary>Whether a message with <paramref name="context"/> answers something its receiver asked.</summary>
    public static bool Answers(IReadOnlyDictionary<string, Atom> context) => context.Count > 0 && context.ContainsKey(AnswersKey);

    /// <summary>The number of the sync whose root hash <paramref name="context"/>'s message begins or answers; null for any other message.</summary>
    public static int? RoundOf(IReadOnlyDictionary<string, Atom> context) =>
        context.Count > 0 && context.TryGetValue(RoundKey, out var round) && round.Kind == AtomKind.Integer && round.AsInteger() is >= 0 and <= int.MaxValue
            ? (int)round.AsInteger()
            : null;

    /// <summary>The sender's trace context carried by <paramref name="context"/>'s message, if it carries a valid one.</summary>
    public static ActivityContext? TraceOf(IReadOnlyDictionary<string, Atom> context) =>
        context.Count > 0 && context.TryGetValue(TraceKey, out var trace) && trace.Kind == AtomKind.String
            && ActivityContext.TryParse(trace.AsString(), traceState: null, isRemote: true, out var parent)
            ? parent
            : null;

    /// <summary>Whether <paramref name="context"/>'s message begins a sync (a root hash sent to every peer), rather than answering one.</summary>
    public static bool BeginsRound(IReadOnlyDictionary<string, Atom> context) =>
        context.Count > 0 && context.ContainsKey(RoundKey) && !context.ContainsKey(AnswersKey);

    /// <summary>Whether <paramref name="message"/> is nothing but an acknowledgement (no answer is needed to it, nothing is applied).</summary>
    public static bool IsBare(Message message) =>
        message.Address.Count == 0 && message.Node is SubNodesNode { IsPartial: true, Children.Count: 0 };

    /// <summary>
    /// <paramref name="context"/> (what the hooks gave) with the sender's own marks: <paramref name="ask"/>
    /// asks the receiver to answer, <paramref name="answers"/> names the peer whose question this
    /// answers, <paramref name="round"/> numbers a sync. Marks the hooks passed on from a received
    /// message are left out: they were meant for this synclet, not for the next peer.
    /// </summary>
    public static IReadOnlyDictionary<string, Atom> Mark(IReadOnlyDictionary<string, Atom> context, string? ask, string? answers = null, int? round = null, string? trace = null)
    {
        var carriesMarks = context.Count > 0
            && (context.ContainsKey(AskKey) || context.ContainsKey(AnswersKey) || context.ContainsKey(RoundKey) || context.ContainsKey(TraceKey));
        if (ask is null && answers is null && round is null && trace is null && !carriesMarks)
        {
            return context;
        }

        var marked = new Dictionary<string, Atom>(context.Count + 4, StringComparer.Ordinal);
        foreach (var (key, value) in context)
        {
            if (key is not (AskKey or AnswersKey or RoundKey or TraceKey))
            {
                marked[key] = value;
            }
        }

        if (trace is not null)
        {
            marked[TraceKey] = trace;
        }

        if (ask is not null)
        {
            marked[AskKey] = ask;
        }

        if (answers is not null)
        {
            marked[AnswersKey] = answers;
        }

        if (round is { } number)
        {
            marked[RoundKey] = number;
        }

        return marked;
    }
}
