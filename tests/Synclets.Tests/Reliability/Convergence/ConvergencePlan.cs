using CsCheck;

namespace Synclets.Tests.Reliability.Convergence;

/// <summary>How the synclets of a convergence run are linked.</summary>
public enum Topology
{
    /// <summary>All in one pool: everyone hears everyone.</summary>
    Pool,

    /// <summary>Each linked to the next by a pool of two.</summary>
    Chain,

    /// <summary>A chain whose ends are linked too.</summary>
    Ring,

    /// <summary>The first linked to each of the others, which hear nobody else.</summary>
    Star,
}

/// <summary>What one step of a convergence run does.</summary>
public enum StepKind
{
    /// <summary>The peer writes a fresh value.</summary>
    Set,

    /// <summary>The peer deletes the atom (nothing happens when it holds none).</summary>
    Delete,

    /// <summary>The peer stops; its local writes go on.</summary>
    Stop,

    /// <summary>The peer starts (a full sync).</summary>
    Start,

    /// <summary>The peer is disposed and created again over the same stores and transports.</summary>
    Restart,

    /// <summary>The network splits in two groups, by <see cref="Step.Groups"/>' bits.</summary>
    Partition,

    /// <summary>The partition ends.</summary>
    Heal,
}

/// <summary>One step: a peer and, for writes, which atom (row and column of the depth-2 tree).</summary>
public readonly record struct Step(StepKind Kind, int Peer, int Row, int Column, int Groups)
{
    public override string ToString() => Kind switch
    {
        StepKind.Set or StepKind.Delete => $"{Kind}(s{Peer}, r{Row}/c{Column})",
        StepKind.Partition => $"Partition({Groups:b})",
        StepKind.Heal => "Heal",
        _ => $"{Kind}(s{Peer})",
    };
}

/// <summary>A convergence run: how many peers, how they are linked, the network's seed and the steps.</summary>
public sealed record ConvergencePlan(int Peers, Topology Topology, int NetworkSeed, IReadOnlyList<Step> Steps)
{
    /// <summary>
    /// Plans of <paramref name="minPeers"/>–10 peers and <paramref name="minSteps"/>–<paramref name="maxSteps"/>
    /// steps, writes the most frequent, over <paramref name="side"/> rows of <paramref name="side"/> columns:
    /// few atoms make writes from different peers meet often.
    /// </summary>
    public static Gen<ConvergencePlan> Generator(int minSteps, int maxSteps, int minPeers = 3, int side = 3) =>
        from peers in Gen.Int[minPeers, 10]
        from topology in Gen.Enum<Topology>()
        from seed in Gen.Int
        from steps in StepGenerator(peers, side).Array[minSteps, maxSteps]
        select new ConvergencePlan(peers, topology, seed, steps);

    public override string ToString() =>
        $"{Peers} peers, {Topology}, network seed {NetworkSeed}, {Steps.Count} steps: {string.Join(", ", Steps)}";

    private static Gen<Step> StepGenerator(int peers, int side) =>
        from kind in Gen.Frequency(
            (50, Gen.Const(StepKind.Set)),
            (15, Gen.Const(StepKind.Delete)),
            (5, Gen.Const(StepKind.Stop)),
            (10, Gen.Const(StepKind.Start)),
            (5, Gen.Const(StepKind.Restart)),
            (7, Gen.Const(StepKind.Partition)),
            (8, Gen.Const(StepKind.Heal)))
        from peer in Gen.Int[0, peers - 1]
        from row in Gen.Int[0, side - 1]
        from column in Gen.Int[0, side - 1]
        from groups in Gen.Int[0, (1 << peers) - 1]
        select new Step(kind, peer, row, column, groups);
}
