using System.Globalization;
using System.Text;
using Synclets.Browser.Interop;
using Synclets.Connectors;
using Synclets.Wire;

namespace Synclets.Browser.Connectors.IndexedDb;

// The batch the data and meta connectors share: held writes, written in one transaction by the last to commit.
public sealed partial class IndexedDbStore
{
    private bool InBatch => _participants.Count > 0;

    internal void Begin(Connector participant)
    {
        if (!_participants.Add(participant))
        {
            throw new InvalidOperationException("This connector already has a batch open; commit or roll it back first.");
        }

        _rolledBack.Remove(participant);
    }

    /// <summary>Leaves the batch; the last participant to leave writes every held write in one transaction.</summary>
    internal async Task CommitAsync(Connector participant)
    {
        if (!_participants.Remove(participant))
        {
            throw _rolledBack.Remove(participant)
                ? new InvalidOperationException("The batch cannot commit: the other connector of this IndexedDB store rolled it back.")
                : new InvalidOperationException("The connector has no batch open to commit.");
        }

        if (_participants.Count == 0)
        {
            await FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Drops every held write; the other participant's commit then fails, its rollback does nothing.</summary>
    internal void Rollback(Connector participant)
    {
        if (!_participants.Remove(participant))
        {
            _rolledBack.Remove(participant);
            return;
        }

        foreach (var other in _participants)
        {
            _rolledBack.Add(other);
        }

        _participants.Clear();
        ClearPending();
    }

    private async Task FlushAsync()
    {
        if (_atoms.Count == 0 && _timestamps.Count == 0 && _hashes.Count == 0)
        {
            return;
        }

        var operations = new StringBuilder(64 * (_atoms.Count + _timestamps.Count + _hashes.Count)).Append('[');
        _atoms.AppendOperations(operations);
        _timestamps.AppendOperations(operations);
        foreach (var (address, hash) in _hashes)
        {
            operations.Append(operations.Length > 1 ? ",[\"" : "[\"").Append(ObjectStore.Hashes).Append("\",");
            operations.Append(JsonText.Address(address)).Append(',').Append(hash.ToString(CultureInfo.InvariantCulture)).Append(']');
        }

        operations.Append(']');
        ClearPending();
        await JsIndexedDb.CommitAsync(Handle, ObjectStore.BatchJson, operations.ToString()).ConfigureAwait(false);
    }

    /// <summary>Forgets the held writes, and what was read ahead (a commit changes IndexedDB under it).</summary>
    private void ClearPending()
    {
        _prefetch.Clear();
        _atoms.Clear();
        _timestamps.Clear();
        _hashes.Clear();
    }
}
