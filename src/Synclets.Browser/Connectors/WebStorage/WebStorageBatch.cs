using System.Runtime.Versioning;
using Synclets.Connectors;

namespace Synclets.Browser.Connectors.WebStorage;

/// <summary>
/// What the Web Storage data and meta connectors share: the in-memory tree's batch, and writing the
/// item when it commits (with the other connector of a pair, through <see cref="WebStorageCommit"/>).
/// A write outside a batch is a batch of its own.
/// </summary>
[SupportedOSPlatform("browser")]
internal sealed class WebStorageBatch(Connector tree, WebStorageItem item, WebStorageCommit commit, Func<Task<string>> serialize)
{
    private bool _open;
    private bool _changed;

    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        await tree.BeginBatchAsync(cancellationToken).ConfigureAwait(false);
        commit.Begin();
        _open = true;
        _changed = false;
    }

    /// <exception cref="WebStorageQuotaExceededException">The item no longer fits: the batch is rolled back, and the items keep their old trees.</exception>
    public async Task CommitAsync()
    {
        _open = false;
        var text = _changed ? await serialize().ConfigureAwait(false) : null;
        await commit.CommitAsync(
            item,
            text,
            () => tree.CommitBatchAsync(CancellationToken.None),
            () => tree.RollbackBatchAsync(CancellationToken.None)).ConfigureAwait(false);
    }

    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        if (_open)
        {
            _open = false;
            await tree.RollbackBatchAsync(cancellationToken).ConfigureAwait(false);
            await commit.RollbackAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Runs a change to the tree inside the open batch, or as a batch of its own.</summary>
    public async Task WriteAsync(Func<Task> write)
    {
        if (_open)
        {
            _changed = true;
            await write().ConfigureAwait(false);
            return;
        }

        await BeginAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            _changed = true;
            await write().ConfigureAwait(false);
        }
        catch
        {
            await RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await CommitAsync().ConfigureAwait(false);
    }
}
