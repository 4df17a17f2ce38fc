using Synclets.Transports.Memory;

namespace Synclets.Transports.Faults;

/// <summary>
/// The faults shared by a set of <see cref="FaultyTransport"/>s: what happens to packets, and which
/// peers are cut off from which. Each transport draws its decisions from a random source of its own,
/// seeded from <see cref="Seed"/> and the order the transports were created in, so a transport's
/// n-th packet meets the same fault in every run with that seed (which packet is n-th can still
/// vary when threads interleave messages differently).
/// </summary>
/// <example>
/// <code>
/// var network = new FaultyNetwork(seed: 7) { Settings = new FaultSettings { DropRate = 0.2, DuplicateRate = 0.1 } };
/// var transport = network.Wrap(new MemoryTransport("room"));   // or network.MemoryTransport("room")
/// network.Partition(["a", "b"], ["c"]);                        // a and b cannot reach c, nor c them
/// network.Heal();
/// network.Settings = FaultSettings.None;                        // faults stop; the next sync repairs
/// </code>
/// </example>
public sealed class FaultyNetwork
{
    private FaultSettings _settings = FaultSettings.None;
    private volatile Dictionary<string, int>? _groups;
    private int _transports;

    /// <summary>Creates a network whose faults are drawn from <paramref name="seed"/>.</summary>
    public FaultyNetwork(int seed, TimeProvider? timeProvider = null)
    {
        Seed = seed;
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The seed every transport's random source derives from.</summary>
    public int Seed { get; }

    /// <summary>The clock behind delays.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>What happens to each packet from now on; <see cref="FaultSettings.None"/> stops the faults.</summary>
    public FaultSettings Settings
    {
        get => Volatile.Read(ref _settings);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate();
            Volatile.Write(ref _settings, value);
        }
    }

    /// <summary>Counts of the faults injected so far.</summary>
    public FaultStatistics Statistics { get; } = new();

    /// <summary>Whether a partition is in force.</summary>
    public bool IsPartitioned => _groups is not null;

    /// <summary>Wraps <paramref name="inner"/> so its packets go through this network's faults.</summary>
    public FaultyTransport Wrap(Transport inner) => new(inner, this);

    /// <summary>A <see cref="Memory.MemoryTransport"/> joining <paramref name="poolId"/>, wrapped: the faulty version of a pool.</summary>
    public FaultyTransport MemoryTransport(string poolId, TransportOptions? options = null) => Wrap(new MemoryTransport(poolId, options));

    /// <summary>
    /// Splits the peers into groups, by synclet id: packets cross no border between groups. Peers in
    /// no group form one more group together. Replaces any earlier partition.
    /// </summary>
    public void Partition(params IEnumerable<string>[] groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var group = 0; group < groups.Length; group++)
        {
            foreach (var id in groups[group])
            {
                if (!map.TryAdd(id, group))
                {
                    throw new ArgumentException($"Peer '{id}' is listed in two groups of the partition.", nameof(groups));
                }
            }
        }

        _groups = map;
    }

    /// <summary>Ends the partition: every peer can reach every other again.</summary>
    public void Heal() => _groups = null;

    /// <summary>Whether a partition lets packets from <paramref name="from"/> reach <paramref name="to"/>.</summary>
    public bool CanReach(string from, string to)
    {
        var groups = _groups;
        return groups is null || to == "*" || GroupOf(groups, from) == GroupOf(groups, to);
    }

    /// <summary>
    /// The random source of the next transport created: one stream per transport, so two links of one
    /// peer fail independently. (Not <see cref="HashCode"/>, which differs from process to process.)
    /// </summary>
    internal Random NewRandom() => new(unchecked(Seed + (Interlocked.Increment(ref _transports) * -1_640_531_527)));

    private static int GroupOf(Dictionary<string, int> groups, string id) => groups.GetValueOrDefault(id, -1);
}
