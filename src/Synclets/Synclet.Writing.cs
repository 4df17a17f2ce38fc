using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Synclets.Connectors;
using Synclets.Protocol;
using Synclets.Transports;

namespace Synclets;

/// <summary>Writing atoms in batches, and telling hooks, handlers and peers about what was written.</summary>
public sealed partial class Synclet
{
    /// <summary>Which store commits first; see <see cref="InBatchAsync{TState, T}"/>.</summary>
    private enum CommitOrder
    {
        /// <summary>For writes received from peers: should meta fail, old timestamps make the peer resend.</summary>
        DataFirst,

        /// <summary>For local writes: should data fail, the newer timestamp carries the old value everywhere, and the caller sees the error.</summary>
        MetaFirst,
    }

    /// <summary>Queues <see cref="WriteLocallyAsync"/>; its arguments travel as the queue's state, so a write allocates no closure.</summary>
    private Task QueueLocalWriteAsync(
        IReadOnlyList<KeyValuePair<Address, Atom?>> writes,
        bool skipUnchanged,
        IReadOnlyDictionary<string, Atom>? context,
        bool sync,
        CancellationToken cancellationToken) =>
        _queue.RunAsync(
            static call => call.Synclet.WriteLocallyAsync(call.Writes, call.SkipUnchanged, call.Context, call.Sync, call.CancellationToken),
            (Synclet: this, Writes: writes, SkipUnchanged: skipUnchanged, Context: context, Sync: sync, CancellationToken: cancellationToken),
            cancellationToken);

    /// <summary>
    /// Writes (or, for null, deletes) atoms in one batch with fresh timestamps and announces them in
    /// one message. Deleting an absent atom does nothing; with <paramref name="skipUnchanged"/>,
    /// neither does writing the value an atom already holds.
    /// </summary>
    private async Task WriteLocallyAsync(
        IReadOnlyList<KeyValuePair<Address, Atom?>> writes,
        bool skipUnchanged,
        IReadOnlyDictionary<string, Atom>? context,
        bool sync,
        CancellationToken cancellationToken)
    {
        var changes = await InBatchAsync(
            static state => state.Synclet.StoreLocalWritesAsync(state.Writes, state.SkipUnchanged, state.CancellationToken),
            (Synclet: this, Writes: writes, SkipUnchanged: skipUnchanged, CancellationToken: cancellationToken),
            CommitOrder.MetaFirst,
            cancellationToken).ConfigureAwait(false);

        if (changes.Count > 0)
        {
            // Stored is stored: from here on the writes are announced whatever the caller's token says.
            await AnnounceAsync(changes, ChangeOrigin.Local, context ?? MessageContext.Empty, except: null, sync).ConfigureAwait(false);
        }
    }

    /// <summary>The body of <see cref="WriteLocallyAsync"/>'s batch: stores each write with a fresh timestamp.</summary>
    private async ValueTask<List<AppliedChange>> StoreLocalWritesAsync(
        IReadOnlyList<KeyValuePair<Address, Atom?>> writes,
        bool skipUnchanged,
        CancellationToken cancellationToken)
    {
        var data = DataConnector!;
        var meta = MetaConnector!;
        var changes = new List<AppliedChange>(writes.Count);
        for (var i = 0; i < writes.Count; i++)
        {
            var (address, atom) = writes[i];
            var oldAtom = await data.ReadAtomAsync(address, cancellationToken).ConfigureAwait(false);
            if ((atom is null && oldAtom is null) || (skipUnchanged && atom == oldAtom))
            {
                continue;
            }

            var oldTimestamp = await meta.ReadTimestampAsync(address, cancellationToken).ConfigureAwait(false);
            var timestamp = NextTimestampAfter(oldTimestamp);
            if (atom is { } newAtom)
            {
                await data.WriteAtomAsync(address, newAtom, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await data.RemoveAtomAsync(address, cancellationToken).ConfigureAwait(false);
            }

            await meta.WriteTimestampAsync(address, timestamp, cancellationToken).ConfigureAwait(false);
            _hashes.Record(address.Parent, oldTimestamp, timestamp);
            changes.Add(new AppliedChange(address, timestamp, atom, oldAtom));
        }

        return changes;
    }

    /// <summary>Gives atoms changed outside the synclet fresh timestamps, raises their change events and sends them to peers.</summary>
    /// <remarks>Runs on the queue: a connector must call it from its own change notifications, never from inside one of its methods the synclet is running.</remarks>
    private async Task SyncChangedAtomsAsync(IReadOnlyCollection<Address> addresses, CancellationToken cancellationToken)
    {
        foreach (var address in addresses)
        {
            EnsureLeafAddress(address);
        }

        await _queue.RunAsync(async () =>
        {
            var changes = await InBatchAsync(async changed =>
            {
                var changes = new List<AppliedChange>(changed.Count);
                foreach (var address in changed)
                {
                    var (before, atom) = await DataConnector!.AdoptAtomAsync(address, cancellationToken).ConfigureAwait(false);
                    var oldTimestamp = await MetaConnector!.ReadTimestampAsync(address, cancellationToken).ConfigureAwait(false);
                    var timestamp = NextTimestampAfter(oldTimestamp);
                    await MetaConnector.WriteTimestampAsync(address, timestamp, cancellationToken).ConfigureAwait(false);
                    _hashes.Record(address.Parent, oldTimestamp, timestamp);
                    changes.Add(new AppliedChange(address, timestamp, atom, before));
                }

                return changes;
            }, addresses, CommitOrder.MetaFirst, cancellationToken).ConfigureAwait(false);

            if (changes.Count > 0)
            {
                await AnnounceAsync(changes, ChangeOrigin.External, MessageContext.Empty, except: null, sync: true).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A timestamp later than <paramref name="current"/> as well as everything the clock has seen:
    /// after a restart the clock remembers nothing, but the store remembers what it last wrote.
    /// </summary>
    private string NextTimestampAfter(string current)
    {
        _clock.Seen(current);
        return _clock.Next();
    }

    /// <summary>
    /// Runs <paramref name="work"/> as one batch on both connectors, hashes included; all or nothing.
    /// The work gets its <paramref name="state"/> passed in, so callers need no closure per batch.
    /// </summary>
    private async ValueTask<T> InBatchAsync<TState, T>(Func<TState, ValueTask<T>> work, TState state, CommitOrder order, CancellationToken cancellationToken)
    {
        var data = DataConnector!;
        var meta = MetaConnector!;
        await data.BeginBatchAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await meta.BeginBatchAsync(cancellationToken).ConfigureAwait(false);
            var result = await work(state).ConfigureAwait(false);
            await CommitBatchAsync(order, cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch
        {
            _hashes.Discard();
            await meta.RollbackBatchAsync(CancellationToken.None).ConfigureAwait(false);
            await data.RollbackBatchAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Writes the batch's hashes and commits both connectors' batches; <see cref="InBatchAsync"/> rolls back if it throws.</summary>
    private async ValueTask CommitBatchAsync(CommitOrder order, CancellationToken cancellationToken)
    {
        var data = DataConnector!;
        var meta = MetaConnector!;
        await _hashes.FlushAsync(meta, cancellationToken).ConfigureAwait(false);

        // Two stores cannot commit atomically; the order decides which half-failure heals.
        Connector first = order == CommitOrder.DataFirst ? data : meta;
        Connector second = order == CommitOrder.DataFirst ? meta : data;
        await first.CommitBatchAsync(CancellationToken.None).ConfigureAwait(false);
        await second.CommitBatchAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Tells hooks, handlers and peers (but those on <paramref name="except"/>) about stored changes. Never throws.</summary>
    private async Task AnnounceAsync(
        List<AppliedChange> changes,
        ChangeOrigin origin,
        IReadOnlyDictionary<string, Atom> context,
        Transport? except,
        bool sync)
    {
        Statistics.CountAtomsApplied(origin, changes.Count);
        foreach (var change in changes)
        {
            if (_hooks.OnSetAtom is { } onSetAtom)
            {
                await CallOnSetAtomAsync(onSetAtom, change).ConfigureAwait(false);
            }

            if (change.NewAtom != change.OldAtom && AtomChanged is { } handlers)
            {
                Raise(handlers, this, new AtomChangedEventArgs(change.Address, change.OldAtom, change.NewAtom, origin, change.Timestamp), nameof(AtomChanged));
            }
        }

        var targets = TransportsExcept(except);
        if (sync && IsStarted && targets.Count > 0)
        {
            try
            {
                var (address, node) = await AnnouncementOfAsync(changes).ConfigureAwait(false);
                await SendAsync(address, node, context, "*", targets, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                _logger.LogError(exception, "[{SyncletId}] announcement of changes failed", Id);
            }
        }
    }

    /// <summary>The transports but <paramref name="except"/>; the list itself when there is nothing to leave out.</summary>
    private IReadOnlyList<Transport> TransportsExcept(Transport? except)
    {
        if (except is null)
        {
            return Transports;
        }

        if (Transports.Count == 1)
        {
            return ReferenceEquals(Transports[0], except) ? [] : Transports;
        }

        var others = new List<Transport>(Transports.Count);
        for (var i = 0; i < Transports.Count; i++)
        {
            if (!ReferenceEquals(Transports[i], except))
            {
                others.Add(Transports[i]);
            }
        }

        return others;
    }

    /// <summary>Runs the OnSetAtom hook for one change (a method of its own, so a loop without the hook allocates no closure per change).</summary>
    private Task CallOnSetAtomAsync(Func<Address, Atom?, CancellationToken, ValueTask> onSetAtom, AppliedChange change) =>
        GuardAsync(() => onSetAtom(change.Address, change.NewAtom, CancellationToken.None).AsTask(), "OnSetAtom hook");

    /// <summary>
    /// The message node that tells peers about changes: the values themselves, unless read hooks
    /// must first see each peer's context — then a timestamp or hash that makes peers ask.
    /// </summary>
    private async ValueTask<(Address Address, MessageNode Node)> AnnouncementOfAsync(List<AppliedChange> changes)
    {
        if (_hooks.FilterChildIds is not null || (_hooks.CanReadAtom is not null && changes.Count > 1))
        {
            return (Address.Root, await _protocol!.SummarizeAsync(Address.Root, new Exchange(MessageContext.Empty, CancellationToken.None)).ConfigureAwait(false));
        }

        return _hooks.CanReadAtom is not null
            ? (changes[0].Address, new TimestampNode(changes[0].Timestamp))
            : ChangeNodes.Build(changes, Depth);
    }

    /// <summary>
    /// Sends one message to peer <paramref name="to"/> on each transport given; a failing transport
    /// is logged, not thrown. A message to one peer that acknowledges asks it to answer (see
    /// <see cref="Acknowledgements"/>), as does a broadcast the <paramref name="marks"/> say so for.
    /// </summary>
    private async Task SendAsync(
        Address address,
        MessageNode node,
        IReadOnlyDictionary<string, Atom> receivedContext,
        string to,
        IReadOnlyList<Transport> transports,
        CancellationToken cancellationToken,
        Marks marks = default)
    {
        var context = _hooks.GetSendContext is { } getContext
            ? await getContext(receivedContext, cancellationToken).ConfigureAwait(false)
            : MessageContext.Empty;
        var directed = to != "*";
        var asks = marks.Ask || (directed && !marks.IsAcknowledgement && transports.Count == 1 && _peerSyncs.Acknowledges(transports[0], to));
        // A peer asked or answered is a .NET synclet: it continues the trace of a recorded span.
        var trace = (asks || marks.Answers is not null) && Activity.Current is { Recorded: true } span ? span.Id : null;
        // Numbered, so that two answers are never the same bytes: the receiver merges a repeated message, and would count one answer for two.
        var answers = marks.Answers is { } asker ? $"{asker} {++_answersSent}" : null;
        context = Acknowledgements.Mark(context, asks ? Id : null, answers, marks.Round, trace);
        var message = new Message(Depth, address, node, context);
        var writes = WriteCount.Of(node);
        for (var i = 0; i < transports.Count; i++)
        {
            if (address.Count == 0 && node is HashNode rootHash)
            {
                _crossedSyncs.Started(transports[i], rootHash.Hash);
            }

            if (await SendOnAsync(transports[i], message, to, cancellationToken).ConfigureAwait(false))
            {
                Statistics.CountAtomsSent(writes);
                if (directed && asks)
                {
                    _peerSyncs.Asked(transports[i], to);
                }
            }
        }
    }

    /// <summary>What a message says about answers, besides what the hooks put in its context (see <see cref="Acknowledgements"/>).</summary>
    /// <param name="Ask">Whether a broadcast asks every peer to answer (a message to one peer that acknowledges always does, but an acknowledgement).</param>
    /// <param name="Answers">The peer whose question the message answers, if any.</param>
    /// <param name="Round">The number of the sync whose root hash the message carries.</param>
    /// <param name="IsAcknowledgement">Whether the message only acknowledges: it asks nothing back.</param>
    private readonly record struct Marks(bool Ask = false, string? Answers = null, int? Round = null, bool IsAcknowledgement = false);

    /// <summary>Sends <paramref name="message"/>; false when the transport failed (logged).</summary>
    private async Task<bool> SendOnAsync(Transport transport, Message message, string to, CancellationToken cancellationToken)
    {
        try
        {
            if (_hooks.OnSendMessage is { } onSend)
            {
                await onSend(message, to, cancellationToken).ConfigureAwait(false);
            }

            await transport.SendMessageAsync(message, to, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _logger.LogError(exception, "[{SyncletId}] sending to '{Peer}' failed", Id, to);
            return false;
        }
    }

    /// <summary>Runs a step that must not undo what is already stored: its failure is logged, not thrown.</summary>
    private async Task GuardAsync(Func<Task> step, string what)
    {
        try
        {
            await step().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _logger.LogError(exception, "[{SyncletId}] {What} failed", Id, what);
        }
    }
}
