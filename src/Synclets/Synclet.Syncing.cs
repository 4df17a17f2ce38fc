using Microsoft.Extensions.Logging;
using Synclets.Diagnostics;
using Synclets.Engine;
using Synclets.Protocol;
using Synclets.Transports;

namespace Synclets;

/// <summary>
/// Syncs that can be awaited: each compares a subtree with every peer and ends when every peer
/// has answered everything it was sent (see <see cref="Acknowledgements"/>), when its time runs
/// out, or when the synclet stops; with progress on the way and each peer's state.
/// </summary>
public sealed partial class Synclet
{
    private int _lastRound;

    // Numbers each answer this synclet sends (see SendAsync).
    private long _answersSent;
    private Task<SyncResult>? _lastSync;

    /// <summary>
    /// Raised when where this synclet stands with a peer changes: <see cref="PeerSyncState.Syncing"/>
    /// while it waits for the peer's answers, <see cref="PeerSyncState.InSync"/> once the peer has
    /// answered everything, <see cref="PeerSyncState.Unknown"/> when it did not answer a sync in
    /// time or the synclet stopped. Only peers that acknowledge (.NET synclets) are followed.
    /// Raised on the synclet's queue: a handler must not wait for another call of this synclet.
    /// </summary>
    public event EventHandler<PeerSyncStateChangedEventArgs>? PeerSyncStateChanged;

    /// <summary>
    /// Compares the subtree at <paramref name="address"/> (the whole tree by default) with every
    /// peer, exchanges what differs, and completes once every peer has answered everything — or
    /// after <see cref="SyncletOptions.SyncTimeout"/>. See <see cref="SyncAsync(SyncRequest, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The address is deeper than the tree.</exception>
    public Task<SyncResult> SyncAsync(Address address = default, CancellationToken cancellationToken = default) =>
        SyncAsync(new SyncRequest { Address = address }, cancellationToken);

    /// <summary>Compares the whole tree with every peer; see <see cref="SyncAsync(SyncRequest, CancellationToken)"/>.</summary>
    public Task<SyncResult> SyncAsync(CancellationToken cancellationToken) => SyncAsync(new SyncRequest(), cancellationToken);

    /// <summary>
    /// Asks every peer to compare a subtree and exchange what differs, and completes when the
    /// exchange is over: every peer that took part has answered everything this synclet sent it,
    /// and what the answers carried is applied. Peers known from before (they asked or answered
    /// something lately) are waited for; others count once they answer. A .NET peer in step
    /// answers at once; a TypeScript peer never acknowledges, so it is not waited for (what it
    /// sends is applied as it comes).
    /// </summary>
    /// <returns>
    /// What happened (see <see cref="SyncResult"/>). When a peer does not answer within the timeout,
    /// or no peer answers at all (a synclet alone), the result says so with
    /// <see cref="SyncResult.IsComplete"/> false; while stopped, it says so at once.
    /// </returns>
    /// <param name="request">The subtree, the timeout and the progress observer.</param>
    /// <param name="cancellationToken">Stops waiting (the sync itself goes on); throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="ArgumentException">The address is deeper than the tree.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is not positive.</exception>
    public async Task<SyncResult> SyncAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Address.Count > Depth)
        {
            throw new ArgumentException($"'{request.Address}' has {request.Address.Count} ids; this synclet's tree has depth {Depth}.", nameof(request));
        }

        if (request.Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(request), timeout, "A sync's timeout must be positive.");
        }

        var sync = await _queue.RunAsync(
            () => SyncNowAsync(request.Address, Transports, cancellationToken, request.Timeout, request.Progress),
            cancellationToken).ConfigureAwait(false);
        return await sync.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Completes when the latest sync has ended — the one <see cref="StartAsync"/> began, a
    /// reconnection's, a periodic one or one asked for — with its result: after <c>StartAsync</c>,
    /// this tells when the first sync is done.
    /// </summary>
    /// <param name="progress">Told how far the sync has come while it runs.</param>
    /// <param name="cancellationToken">Stops waiting (the sync itself goes on).</param>
    public async Task<SyncResult> WhenSyncedAsync(IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var sync = await _queue.RunAsync(() =>
        {
            if (_peerSyncs.Rounds.Count > 0)
            {
                var round = _peerSyncs.Rounds[^1];
                if (progress is not null)
                {
                    round.Observe(progress);
                }

                return Task.FromResult(round.Result);
            }

            return Task.FromResult(_lastSync ?? Task.FromResult(NotRun(Address.Root)));
        }, cancellationToken).ConfigureAwait(false);
        return await sync.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where this synclet stands with each peer it follows (see <see cref="PeerSyncStateChanged"/>), by peer id.</summary>
    public Task<IReadOnlyDictionary<string, PeerSyncState>> GetPeerSyncStatesAsync(CancellationToken cancellationToken = default) =>
        _queue.RunAsync(() => Task.FromResult(_peerSyncs.States()), cancellationToken);

    /// <summary>Begins a sync: sends the subtree's summary to every peer, asking each to answer. Runs on the queue.</summary>
    private async Task<Task<SyncResult>> SyncNowAsync(
        Address address,
        IReadOnlyList<Transport> transports,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null,
        IProgress<SyncProgress>? progress = null)
    {
        if (!IsStarted || _protocol is null)
        {
            return Task.FromResult(NotRun(address));
        }

        _logger.LogDebug("[{SyncletId}] sync '{Address}'", Id, address);
        using var activity = SyncletActivities.StartSync(this, address);
        if (_hooks.OnSync is { } onSync)
        {
            await onSync(address, cancellationToken).ConfigureAwait(false);
        }

        var node = await _protocol.SummarizeAsync(address, new Exchange(MessageContext.Empty, cancellationToken)).ConfigureAwait(false);
        var round = new SyncRound(++_lastRound, address, transports, SyncCounts.Read(Statistics, Transports), _timeProvider.GetTimestamp());
        if (progress is not null)
        {
            round.Observe(progress);
        }

        _lastSync = round.Result;
        _peerSyncs.Begin(round);
        round.Deadline = _timeProvider.CreateTimer(
            static state => ((RoundDeadline)state!).Post(), new RoundDeadline(this, round), timeout ?? _syncTimeout, Timeout.InfiniteTimeSpan);
        await SendAsync(address, node, MessageContext.Empty, "*", transports, cancellationToken, new Marks(Ask: true, Round: round.Number)).ConfigureAwait(false);
        if (round.Peers.Count == 0 && !transports.Any(static transport => transport.IsConnected))
        {
            _peerSyncs.Expire(round, "no transport is connected");
        }

        return round.Result;
    }

    /// <summary>Tells the syncs with observers how far they have come; after each received message.</summary>
    private void ReportSyncProgress()
    {
        var rounds = _peerSyncs.Rounds;
        for (var i = 0; i < rounds.Count; i++)
        {
            if (rounds[i].HasObservers)
            {
                rounds[i].Report(ProgressOf(rounds[i], _peerSyncs.Outstanding(rounds[i])), ProgressFailed);
            }
        }
    }

    private SyncProgress ProgressOf(SyncRound round, int outstanding)
    {
        var counts = SyncCounts.Read(Statistics, Transports) - round.Start;
        return new SyncProgress(counts.AtomsReceived, counts.MessagesProcessed, outstanding, _timeProvider.GetElapsedTime(round.StartedAt));
    }

    /// <summary>A sync ended (<paramref name="problem"/> null when every peer finished): its result, counted and measured.</summary>
    private void EndRound(SyncRound round, string? problem)
    {
        var duration = _timeProvider.GetElapsedTime(round.StartedAt);
        var counts = SyncCounts.Read(Statistics, Transports) - round.Start;
        var peers = new Dictionary<string, PeerSyncState>(StringComparer.Ordinal);
        foreach (var key in round.Peers)
        {
            peers[key.Peer] = _peerSyncs.StateOf(key);
        }

        if (round.HasObservers)
        {
            round.Report(ProgressOf(round, _peerSyncs.Outstanding(round)), ProgressFailed);
        }

        Statistics.CountSyncEnded(problem is null);
        SyncletMeter.RecordSync(this, duration, problem is null);
        if (problem is not null)
        {
            _logger.LogDebug("[{SyncletId}] sync '{Address}' incomplete: {Problem}", Id, round.Address, problem);
        }

        round.End(new SyncResult
        {
            Address = round.Address,
            IsComplete = problem is null,
            Problem = problem,
            Peers = peers,
            Duration = duration,
            AtomsReceived = counts.AtomsReceived,
            AtomsSent = counts.AtomsSent,
            MessagesReceived = counts.MessagesReceived,
            MessagesSent = counts.MessagesSent,
            BytesReceived = counts.BytesReceived,
            BytesSent = counts.BytesSent,
            Conflicts = counts.Conflicts,
            Refusals = counts.Refusals,
        });
    }

    private void ProgressFailed(Exception exception) =>
        _logger.LogError(exception, "[{SyncletId}] a sync's progress observer failed", Id);

    private void RaisePeerSyncState(string peer, PeerSyncState state)
    {
        if (PeerSyncStateChanged is { } handlers)
        {
            Raise(handlers, this, new PeerSyncStateChangedEventArgs(peer, state), nameof(PeerSyncStateChanged));
        }
    }

    private SyncResult NotRun(Address address) => new()
    {
        Address = address,
        IsComplete = false,
        Problem = _protocol is null ? "a relay holds no data to sync" : IsStarted ? "no sync has run yet" : "the synclet is not started",
        Peers = new Dictionary<string, PeerSyncState>(),
        Duration = TimeSpan.Zero,
    };

    /// <summary>A sync's time ran out: it ends on the queue, where its peers' records live.</summary>
    private sealed class RoundDeadline(Synclet synclet, SyncRound round)
    {
        public void Post()
        {
            if (!synclet._queue.Post(() =>
            {
                synclet._peerSyncs.Expire(round, null);
                return Task.CompletedTask;
            }))
            {
                round.End(synclet.NotRun(round.Address));
            }
        }
    }
}
