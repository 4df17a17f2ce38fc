using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Synclets.Logging;

namespace Synclets.Typed;

/// <summary>
/// Keeps a typed synclet's store true to its schema: a peer's write with an unreadable key or a
/// value of the wrong type for a known column is refused (logged and counted) before it is stored,
/// so typed getters never meet it. A write to a table or column this version does not know comes
/// from a newer version of the schema: it is kept in the synclet's tree (hashed and synced on, never
/// in a typed row), so peers on different versions converge instead of refusing each other forever.
/// </summary>
public sealed class SchemaGuard
{
    /// <summary>How many unknown tables and columns are named in the log; past that, one line says more were seen.</summary>
    internal const int MaxUnknownNamesLogged = 100;

    private readonly SyncletSchema _schema;
    private readonly HashSet<string> _unknownLogged = new(StringComparer.Ordinal);
    private ILogger _logger = NullLogger.Instance;
    private LogThrottle _warnings = new(NullLogger.Instance, TimeProvider.System);
    private string _syncletId = string.Empty;
    private long _rejections;
    private long _keptUnknown;

    private SchemaGuard(SyncletSchema schema) => _schema = schema;

    /// <summary>How many writes from peers were refused for not fitting the schema.</summary>
    public long Rejections => Interlocked.Read(ref _rejections);

    /// <summary>How many writes from peers to a table or column this version does not know were kept (a newer version's data).</summary>
    public long KeptUnknown => Interlocked.Read(ref _keptUnknown);

    /// <summary>
    /// Creates a synclet whose connectors have the schema's depth and whose peers' writes pass the
    /// schema check before the caller's own <see cref="SyncletHooks.CanWriteAtom"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The connectors' depth is not the schema's.</exception>
    public static async Task<(Synclet Synclet, SchemaGuard Guard)> CreateSyncletAsync(
        SyncletComponents components,
        SyncletSchema schema,
        string schemaName,
        SyncletHooks? hooks,
        SyncletOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(schema);
        if (components.DataConnector is { } data && data.Depth != schema.Depth)
        {
            throw new ArgumentException($"{schemaName} needs connectors of depth {schema.Depth}, but they have depth {data.Depth}.", nameof(components));
        }

        var guard = new SchemaGuard(schema);
        var userCanWrite = hooks?.CanWriteAtom;
        var guardedHooks = (hooks ?? new SyncletHooks()) with
        {
            CanWriteAtom = async (address, atom, context, token) =>
                guard.Admits(address, atom)
                && (userCanWrite is null || await userCanWrite(address, atom, context, token).ConfigureAwait(false)),
        };
        var synclet = await Synclet.CreateAsync(components, guardedHooks, options, cancellationToken).ConfigureAwait(false);
        guard._logger = options?.Logger ?? NullLogger.Instance;
        guard._warnings = new LogThrottle(guard._logger, options?.TimeProvider ?? TimeProvider.System, synclet.Id);
        guard._syncletId = synclet.Id;
        return (synclet, guard);
    }

    private bool Admits(Address address, Atom atom)
    {
        switch (_schema.Classify(address, atom))
        {
            case SchemaFit.Fits:
                return true;
            case SchemaFit.UnknownTable:
                Interlocked.Increment(ref _keptUnknown);
                LogUnknownOnce($"table '{Shown(address[0])}'");
                return true;
            case SchemaFit.UnknownColumn:
                Interlocked.Increment(ref _keptUnknown);
                LogUnknownOnce($"column '{Shown(address.LastId)}'" + (_schema.RootTable is null ? $" of table '{Shown(address[0])}'" : string.Empty));
                return true;
            default:
                // The address and the value are the user's data: the log names neither.
                Interlocked.Increment(ref _rejections);
                if (_warnings.ShouldLog("refused peers' writes that do not fit the schema"))
                {
                    _logger.LogWarning("[{SyncletId}] refused a peer's write that does not fit the schema: a key that cannot be read, or a value of the wrong type for its column", _syncletId);
                }

                return false;
        }
    }

    /// <summary>An id as the log shows it: a peer chooses it, so a long one is cut.</summary>
    private static string Shown(string id) => id.Length <= 64 ? id : string.Concat(id.AsSpan(0, 64), "…");

    /// <summary>Logs, once per name and at information level, that a newer version's table or column is kept.</summary>
    private void LogUnknownOnce(string what)
    {
        bool first;
        bool last;
        lock (_unknownLogged)
        {
            first = _unknownLogged.Count < MaxUnknownNamesLogged && _unknownLogged.Add(what);
            last = first && _unknownLogged.Count == MaxUnknownNamesLogged;
        }

        if (first)
        {
            _logger.LogInformation(
                "[{SyncletId}] a peer writes {What}, which this version of the schema does not have (a newer version's?): kept and synced on, not in typed rows",
                _syncletId, what);
        }

        if (last)
        {
            _logger.LogInformation("[{SyncletId}] {Count} unknown tables and columns named; further ones are kept without a word", _syncletId, MaxUnknownNamesLogged);
        }
    }
}
