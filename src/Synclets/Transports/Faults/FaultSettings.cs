namespace Synclets.Transports.Faults;

/// <summary>
/// What a <see cref="FaultyNetwork"/> does to each packet a <see cref="FaultyTransport"/> sends:
/// each rate is a probability between 0 and 1, drawn per packet from the sending transport's seeded source.
/// </summary>
public sealed record FaultSettings
{
    /// <summary>No faults: every packet goes through once, in order.</summary>
    public static readonly FaultSettings None = new();

    /// <summary>The share of packets thrown away.</summary>
    public double DropRate { get; init; }

    /// <summary>The share of packets sent twice.</summary>
    public double DuplicateRate { get; init; }

    /// <summary>The share of packets held back and sent after the next packet (or after <see cref="MaxDelay"/> if none follows).</summary>
    public double ReorderRate { get; init; }

    /// <summary>The share of packets sent late, after a random wait of up to <see cref="MaxDelay"/>.</summary>
    public double DelayRate { get; init; }

    /// <summary>The longest wait of a delayed or held packet. 20 ms by default.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Whether any fault can happen with these settings.</summary>
    public bool IsNone => DropRate == 0 && DuplicateRate == 0 && ReorderRate == 0 && DelayRate == 0;

    /// <summary>Throws when a rate is outside [0, 1] or the delay is negative.</summary>
    public void Validate()
    {
        foreach (var (name, rate) in new[] { (nameof(DropRate), DropRate), (nameof(DuplicateRate), DuplicateRate), (nameof(ReorderRate), ReorderRate), (nameof(DelayRate), DelayRate) })
        {
            if (!(rate >= 0 && rate <= 1))
            {
                throw new ArgumentOutOfRangeException(name, rate, $"{name} is a probability: it must be between 0 and 1.");
            }
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, TimeSpan.Zero, nameof(MaxDelay));
    }
}
