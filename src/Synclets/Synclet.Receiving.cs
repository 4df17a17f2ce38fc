using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Synclets.Diagnostics;
using Synclets.Engine;
using Synclets.Protocol;
using Synclets.Transports;
using Synclets.Wire;

namespace Synclets;

/// <summary>Receiving messages from peers: queueing, validating, answering and relaying.</summary>
public sealed partial class Synclet : ITransportReceiver
{
    /// <summary>From this size a received message is decoded off the queue; smaller ones cost less than the hop.</summary>
    private const int DecodeAsideBytes = 64 * 1024;

    void ITransportReceiver.Receive(Transport transport, string from, ReadOnlyMemory<byte> payload)
    {
        var (dropped, repeated) = _queue.PostReceived((transport, from), new ReceivedMessage(this, transport, from, payload), payload);
        if (repeated)
        {
            // The same bytes from the same sender are already waiting: one answer serves both.
            Statistics.CountRequestRepeated();
        }

        if (dropped > 0)
        {
            Statistics.CountOverflowed(dropped);
            if (_warnings.ShouldLog("dropped received messages: the processing queue is full", from))
            {
                _logger.LogWarning("[{SyncletId}] dropped {Count} received messages: the processing queue is full (the sender holding most of it loses first)", Id, dropped);
            }
        }
    }

    /// <summary>
    /// Completes once every message this synclet received before the call has been processed (or
    /// dropped), including what it answered. Local calls do not wait behind received messages, so
    /// a read right after a message arrived may not see it yet; await this first when it must.
    /// </summary>
    /// <param name="cancellationToken">Stops the wait (not the processing).</param>
    public Task WhenReceivedProcessedAsync(CancellationToken cancellationToken = default) =>
        _queue.WhenReceivedSettledAsync().WaitAsync(cancellationToken);

    void ITransportReceiver.Reconnected(Transport transport) => _ = SyncWhenCaughtUpAsync(transport);

    /// <summary>
    /// Syncs the whole tree through a transport that came back, once the messages received before it
    /// came back are applied. Local work goes ahead of received messages, so a sync posted at once
    /// would summarize the tree without what those still carry (the last writes of a peer that has
    /// since gone, say): the peers would agree on a tree this synclet changes right after, and
    /// nothing would tell them until the next sync.
    /// </summary>
    private async Task SyncWhenCaughtUpAsync(Transport transport)
    {
        await _queue.WhenReceivedSettledAsync().ConfigureAwait(false);
        _queue.Post(() => SyncNowAsync(Address.Root, [transport], CancellationToken.None));
    }

    private Task ProcessAsync(Transport transport, string from, ReadOnlyMemory<byte> payload)
    {
        if (!IsStarted)
        {
            return Task.CompletedTask;
        }

        if (payload.Length >= DecodeAsideBytes)
        {
            return DecodeAsideThenAnswerAsync(transport, from, payload);
        }

        return TryDecode(transport, from, payload, out var message, out var writes)
            ? AnswerAsync(transport, from, message, writes)
            : Task.CompletedTask;
    }

    /// <summary>
    /// Decodes a large message on another thread meanwhile the synclet's own calls go on: they would
    /// otherwise wait tens of milliseconds for each listing a peer sends.
    /// </summary>
    private async Task DecodeAsideThenAnswerAsync(Transport transport, string from, ReadOnlyMemory<byte> payload)
    {
        var decoded = await _queue.ServeLocalWhileAsync(Task.Run(() =>
            TryDecode(transport, from, payload, out var message, out var writes) ? (message, writes) : ((Message, int)?)null)).ConfigureAwait(false);
        if (decoded is var (message, writes))
        {
            await AnswerAsync(transport, from, message, writes).ConfigureAwait(false);
        }
    }

    /// <summary>Applies and answers a decoded, valid message; <paramref name="writes"/> counts its <c>[timestamp, atom]</c> leaves.</summary>
    private async Task AnswerAsync(Transport transport, string from, Message message, int writes)
    {
        using var activity = SyncletActivities.StartApply(this, writes, SyncletActivities.Source.HasListeners() ? Acknowledgements.TraceOf(message.Context) : null);
        if (_hooks.CanReceiveMessage is { } canReceive && !await canReceive(message.Context, CancellationToken.None).ConfigureAwait(false))
        {
            activity?.SetStatus(ActivityStatusCode.Error, "refused by the CanReceiveMessage hook");
            Reject(from, "refused by the CanReceiveMessage hook");
            return;
        }

        if (_hooks.OnReceiveMessage is { } onReceive)
        {
            await onReceive(message, from, CancellationToken.None).ConfigureAwait(false);
        }

        if (_protocol is null)
        {
            await RelayAsync(transport, message).ConfigureAwait(false);
            return;
        }

        // What the peer asks of us and what it answers of ours (see Acknowledgements).
        var asks = Acknowledgements.Asks(message.Context);
        var answers = Acknowledgements.Answers(message.Context);
        var question = new Question(asks ? from : null, Acknowledgements.BeginsRound(message.Context) ? Acknowledgements.RoundOf(message.Context) : null);
        if (asks || answers)
        {
            _peerSyncs.Heard(transport, from);
        }

        if (answers && !asks && Acknowledgements.IsBare(message))
        {
            Statistics.CountProcessed();
            SettleAnswer(transport, from, message);
            return;
        }

        if (CrossedSyncs.IsRootHashListing(message) && _crossedSyncs.ShouldYield(transport, from))
        {
            // The peer's own root sync, which crossed ours and which we answered, carries what differs.
            Statistics.CountProcessed();
            Statistics.CountSyncYielded();
            _logger.LogDebug("[{SyncletId}] our sync with {Peer} yields to theirs, which crossed it", Id, from);
            await AcknowledgeIfAskedAsync(question, transport, message).ConfigureAwait(false);
            SettleAnswerIf(answers, transport, from, message);
            return;
        }

        // Only an answer to sub-nodes can carry leaf parents; other answers go out whole, with no parts to set up.
        var exchange = new Exchange(message.Context, CancellationToken.None, writes)
        {
            Chunks = message.Node is SubNodesNode ? PartsOfAnswer(transport, from, message, question) : null,
            Budget = _budgets!.Of(transport, from),
        };
        MessageNode? answer;
        try
        {
            answer = await InBatchAsync(
                static state => state.Protocol.AnswerMessageAsync(state.Message.Address, state.Message.Node, state.Exchange),
                (Protocol: _protocol, Message: message, Exchange: exchange),
                CommitOrder.DataFirst,
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // No acknowledgement either: what the peer sent is not applied, so its sync must not end as if it were.
            activity?.SetStatus(ActivityStatusCode.Error, "the store failed; nothing was written");
            Statistics.CountBatchFailed();
            _logger.LogError(exception, "[{SyncletId}] could not apply a message from {Peer}; nothing was written and the next sync retries", Id, from);
            return;
        }

        Statistics.CountProcessed();
        if (answer is not null && message.Address.Count == 0 && message.Node is HashNode theirRoot)
        {
            _crossedSyncs.Answered(transport, from, theirRoot.Hash);
        }

        if (exchange.WasCut)
        {
            Statistics.CountAnswerCut();
            if (_warnings.ShouldLog("answers cut short: the peer asked for more than its budget", from))
            {
                _logger.LogWarning("[{SyncletId}] cut an answer to {Peer} short: it asked for more work than its budget allows, or it left", Id, from);
            }
        }

        await ReportAsync(exchange, transport, from, message.Context).ConfigureAwait(false);
        var answered = false;
        if (exchange.Chunks is { } chunks)
        {
            answered = await chunks.FinishAsync(answer).ConfigureAwait(false);
        }
        else if (answer is not null)
        {
            await ReplyAsync(transport, from, message, answer, question).ConfigureAwait(false);
            answered = true;
        }

        if (!answered)
        {
            await AcknowledgeIfAskedAsync(question, transport, message).ConfigureAwait(false);
        }

        // Settled last: our own answer, sent above, is already counted as owed, so a sync cannot end between the two.
        SettleAnswerIf(answers, transport, from, message);
    }

    /// <summary>A message of <paramref name="from"/>'s answered one of ours, and is applied: one answer fewer owed; syncs told how far they came.</summary>
    private void SettleAnswer(Transport transport, string from, Message message)
    {
        _peerSyncs.Answered(transport, from, Acknowledgements.RoundOf(message.Context));
        ReportSyncProgress();
    }

    private void SettleAnswerIf(bool answers, Transport transport, string from, Message message)
    {
        if (answers)
        {
            SettleAnswer(transport, from, message);
        }
        else if (_peerSyncs.Rounds.Count > 0)
        {
            ReportSyncProgress();
        }
    }

    /// <summary>When the peer asked to be answered and there is nothing to say, says so (see <see cref="Acknowledgements"/>).</summary>
    private Task AcknowledgeIfAskedAsync(Question question, Transport transport, Message message) =>
        question.Asker is { } asker
            ? SendAsync(Address.Root, Acknowledgements.Empty, message.Context, asker, [transport], CancellationToken.None, new Marks(Answers: asker, Round: question.Round, IsAcknowledgement: true))
            : Task.CompletedTask;

    /// <summary>
    /// Decodes and checks a received message, touching nothing of the synclet's state (it may run
    /// off the queue); false when it is refused (counted and logged). <paramref name="writes"/>
    /// counts its <c>[timestamp, atom]</c> leaves.
    /// </summary>
    private bool TryDecode(Transport transport, string from, ReadOnlyMemory<byte> payload, out Message message, out int writes)
    {
        writes = 0;
        try
        {
            message = transport.DecodeMessage(payload.Span);
        }
        catch (WireFormatException exception)
        {
            message = null!;
            transport.Statistics.CountMessageDropped();
            Reject(from, exception.Message);
            return false;
        }

        if (from == "*" || from == Id)
        {
            Reject(from, $"invalid sender id '{from}'");
            return false;
        }

        if (_protocol is not null && IsMismatched(transport, from, message))
        {
            Statistics.CountRejected();
            return false;
        }

        if (_protocol is not null && MessageValidator.FindProblem(message, Depth, _toJavaScript, out writes) is { } problem)
        {
            Reject(from, problem);
            return false;
        }

        return true;
    }

    /// <summary>Reports what a message did so far: refused writes, conflicts, and the changes, to handlers and other peers.</summary>
    private async ValueTask ReportAsync(Exchange exchange, Transport transport, string from, IReadOnlyDictionary<string, Atom> context)
    {
        if (exchange.TooFarAhead is { } refused)
        {
            ReportClockSkew(from, refused);
        }

        if (exchange.Conflicts is { } conflicts)
        {
            ReportConflicts(from, conflicts);
        }

        if (exchange.Changes.Count > 0)
        {
            await AnnounceAsync(exchange.Changes, ChangeOrigin.Remote, context, except: transport, sync: true).ConfigureAwait(false);
        }

        exchange.Reported();
    }

    /// <summary>Where long answers to <paramref name="from"/> pause for local calls; made once per peer.</summary>
    private Func<Exchange, ValueTask> PausesFor(Transport transport, string from) =>
        exchange => PauseForLocalCallsAsync(exchange, transport, from);

    /// <summary>
    /// Between two independent parts of a large received message, lets the synclet's own waiting
    /// calls go first: what was applied so far is committed and reported, the calls run, and a new
    /// batch takes the rest. A flood of large listings then delays a local write by one part, not
    /// by whole messages. Each part is applied all or nothing, as a message is.
    /// </summary>
    private async ValueTask PauseForLocalCallsAsync(Exchange exchange, Transport transport, string from)
    {
        if (!_queue.HasLocalWaiting)
        {
            return;
        }

        await CommitBatchAsync(CommitOrder.DataFirst, CancellationToken.None).ConfigureAwait(false);
        await ReportAsync(exchange, transport, from, exchange.Context).ConfigureAwait(false);
        await _queue.RunWaitingLocalAsync().ConfigureAwait(false);
        if (!IsStarted)
        {
            exchange.Abandon();
        }

        await DataConnector!.BeginBatchAsync(CancellationToken.None).ConfigureAwait(false);
        await MetaConnector!.BeginBatchAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Where an answer's leaf parents go to be sent back in parts (a method of its own: the closure
    /// is then allocated only for the messages that need it). The last part answers the question.
    /// </summary>
    private AnswerChunks PartsOfAnswer(Transport transport, string from, Message message, Question question) =>
        new(message.Address, _maxLeavesPerMessage, (part, last) => new ValueTask(ReplyAsync(transport, from, message, part, last ? question : default)));

    /// <summary>Sends <paramref name="answer"/> (or a part of it) back to the sender of <paramref name="message"/>, answering <paramref name="question"/> if it asked one.</summary>
    private Task ReplyAsync(Transport transport, string to, Message message, MessageNode answer, Question question) =>
        SendAsync(message.Address, answer, message.Context, to, [transport], CancellationToken.None, new Marks(Answers: question.Asker, Round: question.Asker is null ? null : question.Round));

    /// <summary>
    /// A synclet without connectors passes every message on to its other transports. Relays must
    /// not form a cycle: they keep no memory of what they passed on. Asks and answers are left
    /// out: passed to every peer behind the relay, each would be answered by all of them.
    /// </summary>
    private async Task RelayAsync(Transport from, Message message)
    {
        var unmarked = Acknowledgements.Mark(message.Context, ask: null);
        message = ReferenceEquals(unmarked, message.Context) ? message : message with { Context = unmarked };
        foreach (var transport in Transports)
        {
            if (!ReferenceEquals(transport, from))
            {
                await GuardAsync(() => transport.SendMessageAsync(message, "*", CancellationToken.None), "relaying").ConfigureAwait(false);
            }
        }
    }

    private void Reject(string from, string reason)
    {
        Statistics.CountRejected();
        if (_warnings.ShouldLog("rejected received messages", from))
        {
            _logger.LogWarning("[{SyncletId}] rejected a message from '{Peer}': {Reason}", Id, from, reason);
        }
    }

    /// <summary>What a received message asked to be answered: who asked (null when it asked nothing), and the sync whose root hash it was.</summary>
    private readonly record struct Question(string? Asker, int? Round);

    /// <summary>A message waiting on the queue to be processed: one object, where a closure would take two.</summary>
    private sealed class ReceivedMessage(Synclet synclet, Transport transport, string from, ReadOnlyMemory<byte> payload) : IQueuedOperation
    {
        public Task RunAsync() => synclet.ProcessAsync(transport, from, payload);
    }
}
