using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Synclets.Clocks;
using Synclets.Connectors;
using Synclets.Data;
using Synclets.Engine;
using Synclets.Hashing;
using Synclets.Protocol;
using Synclets.Transports;
using Synclets.Wire;

namespace Synclets;

/// <summary>
/// Keeps a tree of data in step with other synclets. It stores atoms through its data connector,
/// their timestamps and hashes through its meta connector, and talks to peers through its
/// transports; conflicting writes resolve per atom, the latest timestamp winning.
/// </summary>
/// <remarks>
/// Every operation of one synclet runs in turn on one queue, so the API is safe to call from many
/// threads at once. Hooks and <see cref="AtomChanged"/> handlers run on that queue: they must not
/// block waiting for another operation of the same synclet.
/// </remarks>
public sealed class Synclet : IAsyncDisposable, ITransportReceiver
{
    private readonly SyncletHooks _hooks;
    private readonly ILogger _logger;
    private readonly HybridLogicalClock _clock;
    private readonly HashUpdater _hashes = new();
    private readonly OperationQueue _queue;
    private readonly SyncProtocol? _protocol;
    private readonly int _maxQueuedMessages;
    private int _queuedMessages;
    private bool _disposed;

    private Synclet(SyncletComponents components, SyncletHooks hooks, SyncletOptions options, string id)
    {
        Id = id;
        DataConnector = components.DataConnector;
        MetaConnector = components.MetaConnector;
        Transports = components.Transports;
        Depth = DataConnector?.Depth ?? 0;
        _hooks = hooks;
        _logger = options.Logger ?? NullLogger.Instance;
        _maxQueuedMessages = options.MaxQueuedMessages;
        var timeProvider = options.TimeProvider ?? TimeProvider.System;
        _clock = new HybridLogicalClock(id, timeProvider);
        _queue = new OperationQueue(id, _logger);
        if (DataConnector is not null && MetaConnector is not null)
        {
            _protocol = new SyncProtocol(Depth, DataConnector, MetaConnector, hooks, _clock, _hashes);
        }
    }

    /// <summary>Raised after an atom's value changed, locally or by a peer, once the change is stored.</summary>
    public event EventHandler<AtomChangedEventArgs>? AtomChanged;

    /// <summary>The synclet's id, unique among its peers.</summary>
    public string Id { get; }

    /// <summary>The number of ids in an atom's address; 0 for a relay without connectors.</summary>
    public int Depth { get; }

    /// <summary>Whether the synclet is started (connected and syncing).</summary>
    public bool IsStarted { get; private set; }

    /// <summary>Where the atoms live (null for a relay).</summary>
    public DataConnector? DataConnector { get; }

    /// <summary>Where the timestamps and hashes live (null for a relay).</summary>
    public MetaConnector? MetaConnector { get; }

    /// <summary>How the synclet reaches its peers.</summary>
    public IReadOnlyList<Transport> Transports { get; }

    /// <summary>Counts of messages processed, rejected and dropped.</summary>
    public SyncletStatistics Statistics { get; } = new();

    /// <summary>
    /// Creates a synclet from its parts and attaches them (each part belongs to one synclet).
    /// The synclet is created stopped: call <see cref="StartAsync"/> to connect and sync.
    /// </summary>
    /// <exception cref="ArgumentException">Only one connector is given, or their depths differ.</exception>
    /// <exception cref="InvalidOperationException">A part is already attached to another synclet.</exception>
    public static async Task<Synclet> CreateAsync(
        SyncletComponents components,
        SyncletHooks? hooks = null,
        SyncletOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(components);
        options ??= new SyncletOptions();
        var (data, meta) = (components.DataConnector, components.MetaConnector);
        if ((data is null) != (meta is null))
        {
            throw new ArgumentException("both connectors must be provided, or both omitted", nameof(components));
        }

        if (data is not null && meta is not null && data.Depth != meta.Depth)
        {
            throw new ArgumentException($"depths must be positive and equal; {data.Depth} vs {meta.Depth}", nameof(components));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxQueuedMessages, nameof(options));
        var synclet = new Synclet(components, hooks ?? new SyncletHooks(), options, options.ResolveId());
        try
        {
            synclet.ClaimParts(options.TimeProvider ?? TimeProvider.System);
        }
        catch
        {
            await synclet._queue.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        try
        {
            await synclet.AttachConnectorsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await synclet.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return synclet;
    }

    /// <summary>Connects the transports and syncs the whole tree with every peer. Does nothing if started.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _queue.RunAsync(async () =>
    {
        if (IsStarted)
        {
            return;
        }

        _logger.LogInformation("[{SyncletId}] start", Id);
        if (_hooks.OnStart is { } onStart)
        {
            await onStart(cancellationToken).ConfigureAwait(false);
        }

        foreach (var transport in Transports)
        {
            await transport.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        IsStarted = true;
        await SyncNowAsync(Address.Root, cancellationToken).ConfigureAwait(false);
    }, cancellationToken);

    /// <summary>Disconnects the transports. Local reads and writes keep working. Does nothing if stopped.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _queue.RunAsync(() => StopNowAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// Asks every peer to compare the subtree at <paramref name="address"/> (the whole tree by
    /// default) and exchange what differs. Does nothing while stopped.
    /// </summary>
    public Task SyncAsync(Address address = default, CancellationToken cancellationToken = default) =>
        _queue.RunAsync(() => SyncNowAsync(address, cancellationToken), cancellationToken);

    /// <summary>Asks every peer to compare the whole tree and exchange what differs.</summary>
    public Task SyncAsync(CancellationToken cancellationToken) => SyncAsync(Address.Root, cancellationToken);

    /// <summary>
    /// Writes an atom with a new timestamp and, when <paramref name="sync"/> is true and the synclet
    /// is started, sends it to every peer.
    /// </summary>
    /// <param name="address">A leaf address (as many ids as <see cref="Depth"/>).</param>
    /// <param name="atom">The value.</param>
    /// <param name="context">Passed to the <c>GetSendContext</c> hook for the message that carries the change.</param>
    /// <param name="sync">Whether to send the change to peers now.</param>
    /// <param name="cancellationToken">Cancels the operation if it has not started yet.</param>
    public Task SetAtomAsync(Address address, Atom atom, IReadOnlyDictionary<string, Atom>? context = null, bool sync = true, CancellationToken cancellationToken = default)
    {
        EnsureLeafAddress(address);
        return _queue.RunAsync(() => WriteLocallyAsync(address, atom, context, sync, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Deletes an atom, keeping a timestamp (a tombstone) so the deletion syncs, and when
    /// <paramref name="sync"/> is true and the synclet is started, sends it to every peer.
    /// </summary>
    public Task DelAtomAsync(Address address, IReadOnlyDictionary<string, Atom>? context = null, bool sync = true, CancellationToken cancellationToken = default)
    {
        EnsureLeafAddress(address);
        return _queue.RunAsync(() => WriteLocallyAsync(address, null, context, sync, cancellationToken), cancellationToken);
    }

    /// <summary>The atom at a leaf address, or null when there is none.</summary>
    public Task<Atom?> GetAtomAsync(Address address, CancellationToken cancellationToken = default)
    {
        EnsureLeafAddress(address);
        return _queue.RunAsync(async () => await DataConnector!.ReadAtomAsync(address, cancellationToken).ConfigureAwait(false), cancellationToken);
    }

    /// <summary>A snapshot of every atom.</summary>
    public Task<DataTree> GetDataAsync(CancellationToken cancellationToken = default)
    {
        var data = DataConnector ?? throw NoConnectors();
        return _queue.RunAsync(() => data.GetDataAsync(cancellationToken), cancellationToken);
    }

    /// <summary>A snapshot of every timestamp, deleted atoms included.</summary>
    public Task<MetaTree> GetMetaAsync(CancellationToken cancellationToken = default)
    {
        var meta = MetaConnector ?? throw NoConnectors();
        return _queue.RunAsync(() => meta.GetMetaAsync(cancellationToken), cancellationToken);
    }

    /// <summary>Stops the synclet, detaches its parts (so they can be reused) and ends its queue.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await _queue.RunAsync(async () =>
            {
                await StopNowAsync(CancellationToken.None).ConfigureAwait(false);
                await DetachPartsAsync().ConfigureAwait(false);
            }, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _queue.DisposeAsync().ConfigureAwait(false);
        }
    }

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

    /// <summary>Marks every part as this synclet's, or none of them if one already belongs to another.</summary>
    private void ClaimParts(TimeProvider timeProvider)
    {
        var claimed = new List<Action>();
        void Fail(string message)
        {
            claimed.ForEach(release => release());
            throw new InvalidOperationException(message);
        }

        if (DataConnector is { } data)
        {
            if (!data.TryMarkAttached())
            {
                Fail("Data connector is already attached to a synclet");
            }

            claimed.Add(data.MarkDetached);
        }

        if (MetaConnector is { } meta)
        {
            if (!meta.TryMarkAttached())
            {
                Fail("Meta connector is already attached to a synclet");
            }

            claimed.Add(meta.MarkDetached);
        }

        // A transport listed twice counts as already attached the second time.
        foreach (var transport in Transports)
        {
            if (!transport.TryAttach(Id, _logger, timeProvider, this))
            {
                Fail("Transport is already attached to a synclet");
            }

            claimed.Add(transport.Detach);
        }
    }

    private async Task AttachConnectorsAsync(CancellationToken cancellationToken)
    {
        var context = new ConnectorAttachContext(Id, _logger, SyncChangedAtomsAsync);
        if (DataConnector is not null)
        {
            await DataConnector.AttachAsync(context, cancellationToken).ConfigureAwait(false);
        }

        if (MetaConnector is not null)
        {
            await MetaConnector.AttachAsync(context, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DetachPartsAsync()
    {
        foreach (var transport in Transports)
        {
            transport.Detach();
        }

        foreach (var connector in new Connector?[] { DataConnector, MetaConnector })
        {
            if (connector is not null)
            {
                try
                {
                    await connector.DetachAsync().ConfigureAwait(false);
                }
                finally
                {
                    connector.MarkDetached();
                }
            }
        }
    }

    private async Task StopNowAsync(CancellationToken cancellationToken)
    {
        if (!IsStarted)
        {
            return;
        }

        _logger.LogInformation("[{SyncletId}] stop", Id);
        if (_hooks.OnStop is { } onStop)
        {
            await onStop(cancellationToken).ConfigureAwait(false);
        }

        IsStarted = false;
        foreach (var transport in Transports)
        {
            await transport.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SyncNowAsync(Address address, CancellationToken cancellationToken)
    {
        if (!IsStarted || _protocol is null)
        {
            return;
        }

        if (address.Count > Depth)
        {
            throw new ArgumentException($"'{address}' has {address.Count} ids; this synclet's tree has depth {Depth}.", nameof(address));
        }

        _logger.LogDebug("[{SyncletId}] sync '{Address}'", Id, address);
        if (_hooks.OnSync is { } onSync)
        {
            await onSync(address, cancellationToken).ConfigureAwait(false);
        }

        var exchange = new Exchange(MessageContext.Empty, cancellationToken);
        var node = await _protocol.SummarizeAsync(address, exchange).ConfigureAwait(false);
        await SendAsync(address, node, MessageContext.Empty, "*", except: null, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteLocallyAsync(Address address, Atom? atom, IReadOnlyDictionary<string, Atom>? context, bool sync, CancellationToken cancellationToken)
    {
        var data = DataConnector!;
        var meta = MetaConnector!;
        var change = default(AppliedChange);
        var written = await InBatchAsync(async () =>
        {
            var oldAtom = await data.ReadAtomAsync(address, cancellationToken).ConfigureAwait(false);
            if (atom is null && oldAtom is null)
            {
                return false;
            }

            var oldTimestamp = await meta.ReadTimestampAsync(address, cancellationToken).ConfigureAwait(false);
            var timestamp = _clock.Next();
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
            change = new AppliedChange(address, timestamp, atom, oldAtom);
            return true;
        }, cancellationToken).ConfigureAwait(false);

        if (written)
        {
            await AnnounceAsync([change], ChangeOrigin.Local, context ?? MessageContext.Empty, except: null, sync, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SyncChangedAtomsAsync(IReadOnlyCollection<Address> addresses, CancellationToken cancellationToken)
    {
        foreach (var address in addresses)
        {
            EnsureLeafAddress(address);
        }

        await _queue.RunAsync(async () =>
        {
            var changes = new List<AppliedChange>();
            await InBatchAsync(async () =>
            {
                foreach (var address in addresses)
                {
                    var atom = await DataConnector!.ReadAtomAsync(address, cancellationToken).ConfigureAwait(false);
                    var oldTimestamp = await MetaConnector!.ReadTimestampAsync(address, cancellationToken).ConfigureAwait(false);
                    var timestamp = _clock.Next();
                    await MetaConnector.WriteTimestampAsync(address, timestamp, cancellationToken).ConfigureAwait(false);
                    _hashes.Record(address.Parent, oldTimestamp, timestamp);
                    changes.Add(new AppliedChange(address, timestamp, atom, null));
                }

                return true;
            }, cancellationToken).ConfigureAwait(false);

            if (changes.Count > 0)
            {
                // The store already changed, so the old value is unknown: peers and hooks hear of it,
                // local change events do not fire twice for what the writer already knows.
                await AnnounceAsync(changes, origin: null, MessageContext.Empty, except: null, sync: true, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

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

        if (_protocol is null)
        {
            await RelayAsync(transport, message).ConfigureAwait(false);
            return;
        }

        if (MessageValidator.FindProblem(message, Depth) is { } problem)
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

        var exchange = new Exchange(message.Context, CancellationToken.None);
        MessageNode? answer = null;
        try
        {
            await InBatchAsync(async () =>
            {
                answer = await _protocol.AnswerAsync(message.Address, message.Node, exchange).ConfigureAwait(false);
                return true;
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Statistics.CountBatchFailed();
            _logger.LogError(exception, "[{SyncletId}] could not apply a message from {Peer}; nothing was written and the next sync retries", Id, from);
            return;
        }

        Statistics.CountProcessed();
        if (answer is not null)
        {
            await SendAsync(message.Address, answer, message.Context, from, except: null, CancellationToken.None, only: transport).ConfigureAwait(false);
        }

        if (exchange.Changes.Count > 0)
        {
            await AnnounceAsync(exchange.Changes, ChangeOrigin.Remote, message.Context, except: transport, sync: true, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="work"/> as one batch on both connectors, hashes included; all or nothing.</summary>
    private async Task<bool> InBatchAsync(Func<Task<bool>> work, CancellationToken cancellationToken)
    {
        var data = DataConnector!;
        var meta = MetaConnector!;
        await data.BeginBatchAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await meta.BeginBatchAsync(cancellationToken).ConfigureAwait(false);
            var result = await work().ConfigureAwait(false);
            await _hashes.FlushAsync(meta, cancellationToken).ConfigureAwait(false);
            // Data first: should the meta commit then fail, the old timestamps make peers resend
            // what was written, whereas new timestamps over old data would hide the loss forever.
            await data.CommitBatchAsync(cancellationToken).ConfigureAwait(false);
            await meta.CommitBatchAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>Tells hooks, handlers and peers (but the one it came from) about stored changes.</summary>
    private async Task AnnounceAsync(
        IReadOnlyList<AppliedChange> changes,
        ChangeOrigin? origin,
        IReadOnlyDictionary<string, Atom> context,
        Transport? except,
        bool sync,
        CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            if (_hooks.OnSetAtom is { } onSetAtom)
            {
                await onSetAtom(change.Address, change.NewAtom, cancellationToken).ConfigureAwait(false);
            }

            if (origin is { } changeOrigin && change.NewAtom != change.OldAtom)
            {
                RaiseAtomChanged(new AtomChangedEventArgs(change.Address, change.OldAtom, change.NewAtom, changeOrigin));
            }
        }

        if (sync && IsStarted && Transports.Any(transport => !ReferenceEquals(transport, except)))
        {
            var (address, node) = ChangeNodes.Build(changes, Depth);
            await SendAsync(address, node, context, "*", except, cancellationToken).ConfigureAwait(false);
        }
    }

    private void RaiseAtomChanged(AtomChangedEventArgs args)
    {
        try
        {
            AtomChanged?.Invoke(this, args);
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "[{SyncletId}] an AtomChanged handler failed for '{Address}'", Id, args.Address);
        }
    }

    private async Task SendAsync(
        Address address,
        MessageNode node,
        IReadOnlyDictionary<string, Atom> receivedContext,
        string to,
        Transport? except,
        CancellationToken cancellationToken,
        Transport? only = null)
    {
        var context = _hooks.GetSendContext is { } getContext
            ? await getContext(receivedContext, cancellationToken).ConfigureAwait(false)
            : MessageContext.Empty;
        var message = new Message(Depth, address, node, context);
        foreach (var transport in only is null ? Transports : [only])
        {
            if (!ReferenceEquals(transport, except))
            {
                if (_hooks.OnSendMessage is { } onSend)
                {
                    await onSend(message, to, cancellationToken).ConfigureAwait(false);
                }

                await transport.SendMessageAsync(message, to, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A synclet without connectors passes every message on to its other transports.</summary>
    private async Task RelayAsync(Transport from, Message message)
    {
        foreach (var transport in Transports)
        {
            if (!ReferenceEquals(transport, from))
            {
                await transport.SendMessageAsync(message, "*", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private void Reject(string from, string reason)
    {
        Statistics.CountRejected();
        _logger.LogWarning("[{SyncletId}] rejected a message from '{Peer}': {Reason}", Id, from, reason);
    }

    private void EnsureLeafAddress(Address address)
    {
        if (DataConnector is null)
        {
            throw NoConnectors();
        }

        if (address.Count != Depth)
        {
            throw new ArgumentException($"'{address}' has {address.Count} ids, but an atom's address in this synclet has {Depth}.", nameof(address));
        }
    }

    private static InvalidOperationException NoConnectors() =>
        new("This synclet has no connectors (it is a relay), so it holds no data.");
}
