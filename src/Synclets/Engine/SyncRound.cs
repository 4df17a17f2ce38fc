using Synclets.Transports;

namespace Synclets.Engine;

/// <summary>
/// One sync while it runs: the peers it waits for and what it measured at its start. It ends
/// when every one of its peers has answered everything (<see cref="PeerSyncs"/> tells), when its
/// time runs out, or when the synclet stops. Used on the synclet's queue, but for the task callers await.
/// </summary>
internal sealed class SyncRound(int number, Address address, IReadOnlyList<Transport> transports, SyncCounts start, long startedAt)
{
    private readonly TaskCompletionSource<SyncResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private List<IProgress<SyncProgress>>? _observers;

    /// <summary>Numbers the sync's root hash, so that two syncs' hashes never look like one repeated message.</summary>
    public int Number { get; } = number;

    public Address Address { get; } = address;

    public IReadOnlyList<Transport> Transports { get; } = transports;

    /// <summary>The counters when the sync began.</summary>
    public SyncCounts Start { get; } = start;

    /// <summary>When the sync began, as a <see cref="TimeProvider"/> timestamp.</summary>
    public long StartedAt { get; } = startedAt;

    /// <summary>The peers the sync waits for: those known when it began, and those that answered it since.</summary>
    public HashSet<(Transport Transport, string Peer)> Peers { get; } = [];

    /// <summary>The peers counted as owing an answer to the sync's root hash when it began.</summary>
    public HashSet<(Transport Transport, string Peer)> Expected { get; } = [];

    /// <summary>Ends the sync when it runs out of time.</summary>
    public ITimer? Deadline { get; set; }

    public Task<SyncResult> Result => _result.Task;

    public bool IsOver => _result.Task.IsCompleted;

    public bool HasObservers => _observers is not null;

    /// <summary>Whether the sync covers <paramref name="transport"/>.</summary>
    public bool Covers(Transport transport)
    {
        for (var i = 0; i < Transports.Count; i++)
        {
            if (ReferenceEquals(Transports[i], transport))
            {
                return true;
            }
        }

        return false;
    }

    public void Observe(IProgress<SyncProgress> progress) => (_observers ??= []).Add(progress);

    /// <summary>Tells every observer; one that throws is passed to <paramref name="failed"/>, and neither stops the others nor the sync.</summary>
    public void Report(SyncProgress progress, Action<Exception> failed)
    {
        foreach (var observer in _observers ?? [])
        {
            try
            {
                observer.Report(progress);
            }
            catch (Exception exception)
            {
                failed(exception);
            }
        }
    }

    public void End(SyncResult result)
    {
        Deadline?.Dispose();
        _result.TrySetResult(result);
    }
}
