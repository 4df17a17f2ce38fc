using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Synclets.Typed;

/// <summary>
/// Keeps a typed synclet's store true to its schema: a peer's write of an unknown table or column,
/// an unreadable key, or a value of the wrong type is refused (logged and counted) before it is
/// stored, so typed getters never meet it.
/// </summary>
public sealed class SchemaGuard
{
    private readonly SyncletSchema _schema;
    private ILogger _logger = NullLogger.Instance;
    private string _syncletId = string.Empty;
    private long _rejections;

    private SchemaGuard(SyncletSchema schema) => _schema = schema;

    /// <summary>How many writes from peers were refused for not fitting the schema.</summary>
    public long Rejections => Interlocked.Read(ref _rejections);

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
        guard._syncletId = synclet.Id;
        return (synclet, guard);
    }

    private bool Admits(Address address, Atom atom)
    {
        if (_schema.Accepts(address, atom))
        {
            return true;
        }

        Interlocked.Increment(ref _rejections);
        _logger.LogWarning("[{SyncletId}] refused a peer's write of {Atom} at '{Address}': it does not fit the schema", _syncletId, atom, address);
        return false;
    }
}
