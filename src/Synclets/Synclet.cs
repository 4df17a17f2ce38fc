using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Synclets.Clocks;
using Synclets.Connectors;
using Synclets.Diagnostics;
using Synclets.Engine;
using Synclets.Hashing;
using Synclets.Logging;
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
public sealed partial class Synclet : IAsyncDisposable
{
    private readonly SyncletHooks _hooks;
    private readonly ILogger _logger;

    // Warnings that peers can trigger at will are rate-limited; the statistics count every one.
    private readonly LogThrottle _warnings;
    private readonly HybridLogicalClock _clock;
    private readonly HashUpdater _hashes = new();
    private readonly OperationQueue _queue;
    private readonly SyncProtocol? _protocol;
    private readonly int _maxLeavesPerMessage;
    private readonly TimeSpan _syncInterval;
    private readonly TimeSpan _syncTimeout;
    private readonly TimeProvider _timeProvider;

    // What each peer may still ask of this synclet; null for a relay, which answers nothing.
    private readonly PeerBudgets? _budgets;

    // What each peer owes this synclet, and the syncs waiting for peers to finish.
    private readonly PeerSyncs _peerSyncs;

    // Root syncs that crossed a peer's, so that only one of the two carries the data.
    private readonly CrossedSyncs _crossedSyncs = new();

    // JavaScript peers can be reached (a JSON transport): integers must then fit a double.
    private readonly bool _toJavaScript;
    private int _disposed;

    private Synclet(SyncletComponents components, SyncletHooks hooks, SyncletOptions options, string id)
    {
        Id = id;
        Name = options.Name ?? "synclet";
        DataConnector = components.DataConnector;
        MetaConnector = components.MetaConnector;
        Transports = components.Transports;
        _toJavaScript = Transports.Any(transport => transport.Options.WireFormat == WireFormat.Json);
        Depth = DataConnector?.Depth ?? 0;
        _hooks = hooks;
        _logger = options.Logger ?? NullLogger.Instance;
        _maxLeavesPerMessage = options.MaxLeavesPerMessage;
        _syncInterval = options.SyncInterval;
        _syncTimeout = options.SyncTimeout;
        _peerSyncs = new PeerSyncs(RaisePeerSyncState, EndRound);
        _timeProvider = options.TimeProvider ?? TimeProvider.System;
        _clock = new HybridLogicalClock(id, _timeProvider);
        _queue = new OperationQueue(id, _logger, options.MaxQueuedMessages, options.MaxQueuedMessageBytes);
        _warnings = new LogThrottle(_logger, _timeProvider, id);
        if (DataConnector is not null && MetaConnector is not null)
        {
            _budgets = new PeerBudgets(options.PeerBudget, _timeProvider, PausesFor);
            _protocol = new SyncProtocol(Depth, DataConnector, MetaConnector, hooks, _clock, _hashes, options.MaxClockSkew);
        }
    }

    /// <summary>
    /// Raised after an atom's value changed, once the change is stored: through this synclet's API
    /// (<see cref="ChangeOrigin.Local"/>), from a peer (<see cref="ChangeOrigin.Remote"/>), or in the
    /// store by other code, adopted when its connector reported it (<see cref="ChangeOrigin.External"/>;
    /// see <see cref="ConnectorAttachContext.SyncChangedAtomsAsync"/>).
    /// </summary>
    public event EventHandler<AtomChangedEventArgs>? AtomChanged;

    /// <summary>
    /// Raised for each write a peer sent stamped more than <see cref="SyncletOptions.MaxClockSkew"/>
    /// ahead of this synclet's clock. Such a write is not applied, and this synclet's clock does not
    /// move towards it; it is also logged and counted in <see cref="SyncletStatistics.WritesTooFarAhead"/>.
    /// </summary>
    public event EventHandler<ClockSkewEventArgs>? ClockSkewDetected;

    /// <summary>
    /// Raised when a value this synclet wrote loses to a different value for the same atom from a
    /// peer: the peer's write is later, so it replaces this synclet's value here and everywhere. Both
    /// values and both timestamps are given. Raised on the losing writer only (the winner's may never
    /// see the losing value), and not on synclets that merely held or relayed either value. Without
    /// causal history a synclet cannot tell a concurrent edit from a later one, so an edit made
    /// elsewhere after this synclet's write had been seen there is reported too.
    /// </summary>
    public event EventHandler<AtomConflictEventArgs>? AtomConflict;

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

    /// <summary>What the synclet is, for metrics (<see cref="SyncletOptions.Name"/>).</summary>
    public string Name { get; }

    /// <summary>
    /// Creates a synclet from its parts and attaches them (each part belongs to one synclet).
    /// The synclet is created stopped: call <see cref="StartAsync"/> to connect and sync.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Only one connector is given, their depths differ, or the id is unusable (empty, <c>*</c>, or
    /// containing whitespace, which the packet framing cannot carry).
    /// </exception>
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
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxQueuedMessageBytes, nameof(options));
        ArgumentNullException.ThrowIfNull(options.PeerBudget, nameof(options));
        options.PeerBudget.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxLeavesPerMessage, nameof(options));
        if ((options.SyncInterval <= TimeSpan.Zero || options.SyncInterval > SyncletOptions.MaxSyncInterval) && options.SyncInterval != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SyncInterval, "SyncInterval must be positive and at most 30 days, or Timeout.InfiniteTimeSpan to turn periodic syncs off.");
        }

        if (options.SyncTimeout <= TimeSpan.Zero || options.SyncTimeout > SyncletOptions.MaxSyncInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SyncTimeout, "SyncTimeout must be positive and at most 30 days.");
        }

        var id = options.ResolveId();
        if (id.Length == 0 || id == "*" || id.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"A synclet id must be non-empty, not '*', and free of whitespace; '{id}' is not usable.", nameof(options));
        }

        var synclet = new Synclet(components, hooks ?? new SyncletHooks(), options, id);
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

        SyncletMeter.Track(synclet);
        return synclet;
    }

    /// <summary>
    /// Connects the transports and syncs the whole tree with every peer. Does nothing if started.
    /// If a transport cannot connect, the ones already connected are disconnected again.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken = default) =>
        _queue.RunAsync(() => StartNowAsync(cancellationToken), cancellationToken);

    /// <summary>Disconnects the transports. Local reads and writes keep working. Does nothing if stopped.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) =>
        _queue.RunAsync(() => StopNowAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// Writes an atom with a new timestamp and, when <paramref name="sync"/> is true and the synclet
    /// is started, sends it to every peer.
    /// </summary>
    /// <param name="address">A leaf address (as many ids as <see cref="Depth"/>).</param>
    /// <param name="atom">The value.</param>
    /// <param name="context">Passed to the <c>GetSendContext</c> hook for the message that carries the change.</param>
    /// <param name="sync">Whether to send the change to peers now.</param>
    /// <param name="cancellationToken">Cancels the write if it has not been stored yet; once stored, it is also sent.</param>
    /// <exception cref="ArgumentException">
    /// The address is not a leaf's, an id or the string holds a lone surrogate, or the integer is beyond
    /// ±(2^53 − 1) while this synclet has a JSON transport (JavaScript peers would round it).
    /// </exception>
    public Task SetAtomAsync(Address address, Atom atom, IReadOnlyDictionary<string, Atom>? context = null, bool sync = true, CancellationToken cancellationToken = default)
    {
        EnsureWritable(address, atom);
        return QueueLocalWriteAsync([new(address, atom)], skipUnchanged: false, context, sync, cancellationToken);
    }

    /// <summary>
    /// Deletes an atom, keeping a timestamp (a tombstone) so the deletion syncs, and when
    /// <paramref name="sync"/> is true and the synclet is started, sends it to every peer.
    /// Deleting an atom that is not there does nothing.
    /// </summary>
    /// <param name="address">A leaf address (as many ids as <see cref="Depth"/>).</param>
    /// <param name="context">Passed to the <c>GetSendContext</c> hook for the message that carries the change.</param>
    /// <param name="sync">Whether to send the change to peers now.</param>
    /// <param name="cancellationToken">Cancels the deletion if it has not been stored yet; once stored, it is also sent.</param>
    /// <exception cref="ArgumentException">The address is not a leaf's, or an id holds a lone surrogate.</exception>
    public Task DelAtomAsync(Address address, IReadOnlyDictionary<string, Atom>? context = null, bool sync = true, CancellationToken cancellationToken = default)
    {
        EnsureWritable(address, null);
        return QueueLocalWriteAsync([new(address, null)], skipUnchanged: false, context, sync, cancellationToken);
    }

    /// <summary>
    /// Writes several atoms (null deletes) as one batch — all stored or none — and sends them to
    /// peers in one message when <paramref name="sync"/> is true and the synclet is started.
    /// </summary>
    /// <param name="atoms">Leaf addresses with their new values, or null to delete.</param>
    /// <param name="context">Passed to the <c>GetSendContext</c> hook for the message that carries the changes.</param>
    /// <param name="sync">Whether to send the changes to peers now.</param>
    /// <param name="cancellationToken">Cancels the writes if they have not been stored yet; once stored, they are also sent.</param>
    /// <exception cref="ArgumentException">A write breaks a rule of <see cref="SetAtomAsync"/>; nothing is written.</exception>
    public Task SetAtomsAsync(IEnumerable<KeyValuePair<Address, Atom?>> atoms, IReadOnlyDictionary<string, Atom>? context = null, bool sync = true, CancellationToken cancellationToken = default) =>
        WriteManyAsync(atoms, skipUnchanged: false, context, sync, cancellationToken);

    /// <summary>Every atom directly under a leaf's parent address (e.g. the cells of one row), by id.</summary>
    /// <exception cref="ArgumentException">The address is not a leaf's parent.</exception>
    public Task<IReadOnlyDictionary<string, Atom>> GetAtomsAsync(Address leafParentAddress, CancellationToken cancellationToken = default)
    {
        EnsureLeafAddress(leafParentAddress.Append(string.Empty));
        return _queue.RunAsync(async () => await DataConnector!.ReadAtomsAsync(leafParentAddress, cancellationToken).ConfigureAwait(false), cancellationToken);
    }

    /// <summary>Like <see cref="SetAtomsAsync"/>, but skipping atoms that already hold their new value (no new timestamp, nothing sent).</summary>
    internal Task WriteManyAsync(IEnumerable<KeyValuePair<Address, Atom?>> atoms, bool skipUnchanged, IReadOnlyDictionary<string, Atom>? context, bool sync, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(atoms);
        var writes = atoms.ToList();
        foreach (var (address, atom) in writes)
        {
            EnsureWritable(address, atom);
        }

        return QueueLocalWriteAsync(writes, skipUnchanged, context, sync, cancellationToken);
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
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        SyncletMeter.Forget(this);
        try
        {
            await _queue.RunAsync(async () =>
            {
                try
                {
                    await StopNowAsync(CancellationToken.None).ConfigureAwait(false);
                }
                finally
                {
                    await DetachPartsAsync().ConfigureAwait(false);
                }
            }, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _queue.DisposeAsync().ConfigureAwait(false);
        }
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

    /// <summary>Refuses, before anything is stored, a write that some peer could not hold exactly.</summary>
    private void EnsureWritable(Address address, Atom? atom)
    {
        EnsureLeafAddress(address);
        foreach (var id in address.AsSpan())
        {
            if (!PortableValues.IsWellFormed(id))
            {
                throw new ArgumentException($"An id of '{address}' holds a lone surrogate (half of a UTF-16 pair): no peer's store or MessagePack can hold it exactly, and two such ids could become one.", nameof(address));
            }
        }

        if (atom is { } value && PortableValues.FindLocalProblem(value, _toJavaScript) is { } problem)
        {
            throw new ArgumentException($"Cannot write '{address}': {problem}", nameof(atom));
        }
    }

    private static InvalidOperationException NoConnectors() =>
        new("This synclet has no connectors (it is a relay), so it holds no data.");
}
