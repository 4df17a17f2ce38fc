namespace Synclets.Protocol;

/// <summary>The state of answering one received message: the sender's context and what was applied.</summary>
/// <param name="context">The sender's context.</param>
/// <param name="cancellationToken">Cancels the answer.</param>
/// <param name="expectedChanges">How many writes the message carries, to size <see cref="Changes"/> once.</param>
internal sealed class Exchange(IReadOnlyDictionary<string, Atom> context, CancellationToken cancellationToken, int expectedChanges = 0)
{
    public IReadOnlyDictionary<string, Atom> Context { get; } = context;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public List<AppliedChange> Changes { get; } = new(expectedChanges);

    /// <summary>The answering work the sender may still ask for; null for no limit.</summary>
    public Engine.PeerBudget? Budget { get; init; }

    /// <summary>Whether the answer must stop growing: the sender's budget is spent, the sender has left, or the synclet stopped.</summary>
    public bool IsOverBudget => IsAbandoned || Budget is { IsExhausted: true };

    /// <summary>Whether the synclet stopped while the message was being answered: nothing more is done for it.</summary>
    public bool IsAbandoned { get; private set; }

    /// <summary>
    /// Called between two independent parts of a listing (children of an interior node), where the
    /// synclet may commit what was applied so far and let its own waiting calls run (see
    /// <see cref="Engine.PeerBudget.PauseForLocalCalls"/>); without a budget the message is answered in one go.
    /// </summary>
    public ValueTask PauseAsync() => Budget?.PauseForLocalCalls is { } pause ? pause(this) : ValueTask.CompletedTask;

    /// <summary>Stops answering: the synclet stopped meanwhile.</summary>
    public void Abandon() => IsAbandoned = true;

    /// <summary>Forgets what was applied and refused so far, once it has been reported.</summary>
    public void Reported()
    {
        Changes.Clear();
        TooFarAhead = null;
        Conflicts = null;
    }

    /// <summary>Counts work done for the sender.</summary>
    public void Charge(int units) => Budget?.Charge(units);

    /// <summary>Whether part of the answer was left out because of <see cref="Budget"/>.</summary>
    public bool WasCut { get; private set; }

    /// <summary>Records that the budget cut the answer; returns null, the node of a part left out.</summary>
    public MessageNode? Cut()
    {
        WasCut = true;
        return null;
    }

    /// <summary>Where the answer's leaf parents go, to be sent in parts; null to build the answer whole.</summary>
    public AnswerChunks? Chunks { get; init; }

    /// <summary>Writes refused because their timestamps were too far in the future; null while there is none.</summary>
    public List<RefusedWrite>? TooFarAhead { get; private set; }

    /// <summary>Applied writes that replaced a different value this synclet wrote; null while there is none.</summary>
    public List<MetWrite>? Conflicts { get; private set; }

    public void RefuseAhead(RefusedWrite write) => (TooFarAhead ??= []).Add(write);

    public void Conflict(MetWrite write) => (Conflicts ??= []).Add(write);
}
