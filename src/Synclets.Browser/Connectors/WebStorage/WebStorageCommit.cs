using System.Runtime.Versioning;

namespace Synclets.Browser.Connectors.WebStorage;

/// <summary>
/// The batch that connectors made together share (see <see cref="WebStorage.CreateConnectors"/>):
/// each connector's commit hands over its item's new text, and the last one writes them all. If the
/// browser refuses one (a full quota), the items already written get their old text back and every
/// connector rolls its batch back, so the data item never holds atoms its meta item has no
/// timestamps for.
/// </summary>
[SupportedOSPlatform("browser")]
internal sealed class WebStorageCommit
{
    private readonly List<Member> _ready = [];
    private int _open;

    /// <summary>A connector's batch is open.</summary>
    public void Begin() => _open++;

    /// <summary>Hands over one connector's new text; the last to commit writes every one, or none.</summary>
    public async Task CommitAsync(WebStorageItem item, string? text, Func<Task> commit, Func<Task> rollBack)
    {
        _ready.Add(new Member(item, text, commit, rollBack));
        if (--_open > 0)
        {
            return;
        }

        var members = _ready.ToArray();
        _ready.Clear();
        var changed = Array.FindAll(members, member => member.Text is not null);
        var written = new List<(WebStorageItem Item, string? Old)>();
        try
        {
            for (var i = 0; i < changed.Length; i++)
            {
                // Only an item written before another is refused needs its old text back, so the
                // last one (often the only one) is written without reading what it held.
                var old = i < changed.Length - 1 ? await changed[i].Item.ReadAsync(CancellationToken.None).ConfigureAwait(false) : null;
                changed[i].Item.Write(changed[i].Text!);
                written.Add((changed[i].Item, old));
            }
        }
        catch
        {
            foreach (var (writtenItem, old) in written)
            {
                writtenItem.Restore(old);
            }

            foreach (var member in members)
            {
                await member.RollBack().ConfigureAwait(false);
            }

            throw;
        }

        foreach (var member in members)
        {
            await member.Commit().ConfigureAwait(false);
        }
    }

    /// <summary>One connector rolls back: so do those waiting to commit with it.</summary>
    public async Task RollbackAsync()
    {
        _open = Math.Max(0, _open - 1);
        var members = _ready.ToArray();
        _ready.Clear();
        foreach (var member in members)
        {
            await member.RollBack().ConfigureAwait(false);
        }
    }

    private sealed record Member(WebStorageItem Item, string? Text, Func<Task> Commit, Func<Task> RollBack);
}
