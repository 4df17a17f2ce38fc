using System.Data.Common;

namespace Synclets.Relational;

/// <summary>
/// One database transaction shared by every connector of a store. Each connector's batch joins it;
/// it commits when the last participant commits, and a rollback by any participant rolls back all.
/// So the engine's separate data and meta commits still make one received message one transaction.
/// </summary>
internal sealed class SharedTransaction
{
    private readonly HashSet<object> _participants = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> _rolledBack = new(ReferenceEqualityComparer.Instance);

    /// <summary>The open transaction, or null between batches.</summary>
    public DbTransaction? Current { get; private set; }

    /// <summary>Joins the transaction, starting it when <paramref name="participant"/> is the first.</summary>
    public async Task BeginAsync(DbConnection connection, object participant, CancellationToken cancellationToken)
    {
        if (_participants.Contains(participant))
        {
            throw new InvalidOperationException("This connector already has a batch open; commit or roll it back first.");
        }

        _rolledBack.Remove(participant);
        if (Current is null)
        {
            Current = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        }

        _participants.Add(participant);
    }

    /// <summary>Throws unless <paramref name="participant"/> is in the open transaction.</summary>
    /// <exception cref="InvalidOperationException">Another participant rolled the transaction back, or no batch is open.</exception>
    public void EnsureParticipant(object participant)
    {
        if (!_participants.Contains(participant))
        {
            throw _rolledBack.Remove(participant)
                ? new InvalidOperationException("The batch cannot commit: another connector of the same store rolled the shared transaction back.")
                : new InvalidOperationException("The connector has no batch open to commit.");
        }
    }

    /// <summary>Leaves the transaction; the last participant to leave commits it.</summary>
    /// <exception cref="InvalidOperationException">Another participant rolled the transaction back, or no batch is open.</exception>
    public async Task CommitAsync(object participant, CancellationToken cancellationToken)
    {
        EnsureParticipant(participant);
        _participants.Remove(participant);
        if (_participants.Count > 0)
        {
            return;
        }

        var transaction = Current!;
        Current = null;
        try
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await RollbackQuietlyAsync(transaction).ConfigureAwait(false);
            throw;
        }
        finally
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Rolls the whole transaction back; the other participants' later commits fail, their rollbacks do nothing.</summary>
    public async Task RollbackAsync(object participant)
    {
        if (!_participants.Remove(participant))
        {
            _rolledBack.Remove(participant);
            return;
        }

        _rolledBack.UnionWith(_participants);
        _participants.Clear();
        var transaction = Current!;
        Current = null;
        await RollbackQuietlyAsync(transaction).ConfigureAwait(false);
        await transaction.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Abandons any open transaction (the connection is closing).</summary>
    public async Task AbandonAsync()
    {
        _participants.Clear();
        _rolledBack.Clear();
        if (Current is { } transaction)
        {
            Current = null;
            await RollbackQuietlyAsync(transaction).ConfigureAwait(false);
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
    }

    // A failed rollback (the connection broke) leaves nothing to undo: the database discards an
    // uncommitted transaction on its own.
    private static async Task RollbackQuietlyAsync(DbTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (DbException)
        {
        }
        catch (InvalidOperationException)
        {
        }
    }
}
