using Microsoft.Extensions.Logging;
using Synclets.Protocol;
using Synclets.Transports;
using Synclets.Wire;

namespace Synclets;

/// <summary>Receiving messages from peers: queueing, validating, answering and relaying.</summary>
public sealed partial class Synclet : ITransportReceiver
{
    void ITransportReceiver.Receive(Transport transport, string from, ReadOnlyMemory<byte> payload)
    {
        if (Interlocked.Increment(ref _queuedMessages) > _maxQueuedMessages)
        {
            Interlocked.Decrement(ref _queuedMessages);
            Statistics.CountOverflowed();
            _logger.LogWarning("[{SyncletId}] dropped a message from {Peer}: the processing queue is full", Id, from);
            return;
        }

        if (!_queue.Post(() => ProcessAsync(transport, from, payload)))
        {
            Interlocked.Decrement(ref _queuedMessages);
        }
    }

    void ITransportReceiver.Reconnected(Transport transport) =>
        _queue.Post(() => SyncNowAsync(Address.Root, [transport], CancellationToken.None));

    private async Task ProcessAsync(Transport transport, string from, ReadOnlyMemory<byte> payload)
    {
        Interlocked.Decrement(ref _queuedMessages);
        if (!IsStarted)
        {
            return;
        }

        Message message;
        try
        {
            message = transport.DecodeMessage(payload.Span);
        }
        catch (WireFormatException exception)
        {
            transport.Statistics.CountMessageDropped();
            Reject(from, exception.Message);
            return;
        }

        if (from == "*" || from == Id)
        {
            Reject(from, $"invalid sender id '{from}'");
            return;
        }

        if (_protocol is not null && MessageValidator.FindProblem(message, Depth) is { } problem)
        {
            Reject(from, problem);
            return;
        }

        if (_hooks.CanReceiveMessage is { } canReceive && !await canReceive(message.Context, CancellationToken.None).ConfigureAwait(false))
        {
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

        var exchange = new Exchange(message.Context, CancellationToken.None)
        {
            Chunks = new AnswerChunks(message.Address, _maxLeavesPerMessage, part =>
                new ValueTask(SendAsync(message.Address, part, message.Context, from, [transport], CancellationToken.None))),
        };
        MessageNode? answer;
        try
        {
            answer = await InBatchAsync(
                () => _protocol.AnswerMessageAsync(message.Address, message.Node, exchange).AsTask(),
                CommitOrder.DataFirst,
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Statistics.CountBatchFailed();
            _logger.LogError(exception, "[{SyncletId}] could not apply a message from {Peer}; nothing was written and the next sync retries", Id, from);
            return;
        }

        Statistics.CountProcessed();
        if (exchange.WritesTooFarAhead > 0)
        {
            Statistics.CountWritesTooFarAhead(exchange.WritesTooFarAhead);
            _logger.LogWarning("[{SyncletId}] refused {Count} writes from {Peer} stamped more than the allowed clock skew ahead", Id, exchange.WritesTooFarAhead, from);
        }

        if (exchange.Changes.Count > 0)
        {
            await AnnounceAsync(exchange.Changes, ChangeOrigin.Remote, message.Context, except: transport, sync: true).ConfigureAwait(false);
        }

        await exchange.Chunks.FinishAsync(answer).ConfigureAwait(false);
    }

    /// <summary>
    /// A synclet without connectors passes every message on to its other transports. Relays must
    /// not form a cycle: they keep no memory of what they passed on.
    /// </summary>
    private async Task RelayAsync(Transport from, Message message)
    {
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
        _logger.LogWarning("[{SyncletId}] rejected a message from '{Peer}': {Reason}", Id, from, reason);
    }
}
