using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Synclets.Connectors.Memory;
using Synclets.Transports;
using Synclets.Transports.Faults;

namespace Synclets.Tests.Reliability.Convergence;

/// <summary>What a convergence run measured.</summary>
public sealed record ConvergenceResult(int Steps, long FaultsInjected, TimeSpan TimeToConverge, int Atoms);

/// <summary>
/// Runs a <see cref="ConvergencePlan"/> over a faulty network, then stops the faults, lets one sync
/// interval pass and checks the property: every synclet holds the same data and meta, and the data
/// is what a model says — per atom, the write with the latest timestamp, whoever made it.
/// </summary>
public sealed class ConvergenceRun : IAsyncDisposable
{
    /// <summary>The faults while the steps run: 20% dropped, 10% duplicated, reordering, delays.</summary>
    public static readonly FaultSettings Faults = new()
    {
        DropRate = 0.2, DuplicateRate = 0.1, ReorderRate = 0.1, DelayRate = 0.1, MaxDelay = TimeSpan.FromMilliseconds(5),
    };

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private readonly ConvergencePlan _plan;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000));
    private readonly FaultyNetwork _network;
    private readonly Peer[] _peers;
    private readonly ConcurrentQueue<(Address Address, Atom? Atom, string Timestamp)> _writes = new();
    private int _sets;

    private ConvergenceRun(ConvergencePlan plan)
    {
        _plan = plan;
        // Delays run on the real clock: on the fake one every late packet would wait for the final
        // interval, and thousands of pending fake timers slow the run down many times over.
        _network = new FaultyNetwork(plan.NetworkSeed);
        var prefix = Guid.NewGuid().ToString("N");
        _peers = [.. Enumerable.Range(0, plan.Peers).Select(peer => new Peer(
            "s" + peer,
            [.. PoolsOf(plan.Topology, peer, plan.Peers).Select(pool => (Transport)_network.MemoryTransport(prefix + "-" + pool))]))];
    }

    /// <summary>Runs the plan and checks the property; throws, saying what differs, when it does not hold.</summary>
    public static async Task<ConvergenceResult> RunAsync(ConvergencePlan plan, TimeSpan convergenceTimeout)
    {
        await using var run = new ConvergenceRun(plan);
        return await run.RunAsync(convergenceTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var peer in _peers)
        {
            if (peer.Synclet is { } synclet)
            {
                await synclet.DisposeAsync();
            }
        }
    }

    private async Task<ConvergenceResult> RunAsync(TimeSpan convergenceTimeout)
    {
        foreach (var peer in _peers)
        {
            await CreateAsync(peer);
            await peer.Synclet!.StartAsync();
        }

        _network.Settings = Faults;
        for (var i = 0; i < _plan.Steps.Count; i++)
        {
            await RunStepAsync(_plan.Steps[i], i);
        }

        // The faults stop and every peer runs again; then one sync interval passes, and no more.
        _network.Settings = FaultSettings.None;
        _network.Heal();
        var faults = _network.Statistics.Total;
        var converging = Stopwatch.StartNew();
        foreach (var peer in _peers)
        {
            await peer.Synclet!.StartAsync();
        }

        _time.Advance(Interval * 1.2);
        if (_writes.Count(write => write.Atom is not null) != _sets)
        {
            throw new InvalidOperationException($"The model saw {_writes.Count(write => write.Atom is not null)} of {_sets} sets.");
        }

        var expected = Model();
        await WaitForAsync(() => ConvergedAsync(expected), convergenceTimeout);
        return new ConvergenceResult(_plan.Steps.Count, faults, converging.Elapsed, expected.Data.Count);
    }

    private async Task RunStepAsync(Step step, int index)
    {
        var peer = _peers[step.Peer];
        var synclet = peer.Synclet!;
        var address = new Address("r" + step.Row, "c" + step.Column);
        switch (step.Kind)
        {
            case StepKind.Set:
                // A fresh value every time, so every set is a change with an event: the model sees them all.
                await synclet.SetAtomAsync(address, "v" + index);
                _sets++;
                break;
            case StepKind.Delete:
                await synclet.DelAtomAsync(address);
                break;
            case StepKind.Stop:
                await synclet.StopAsync();
                break;
            case StepKind.Start:
                await synclet.StartAsync();
                break;
            case StepKind.Restart:
                var wasStarted = synclet.IsStarted;
                await synclet.DisposeAsync();
                await CreateAsync(peer);
                if (wasStarted)
                {
                    await peer.Synclet!.StartAsync();
                }

                break;
            case StepKind.Partition:
                var ids = Enumerable.Range(0, _peers.Length).ToLookup(i => (step.Groups >> i & 1) == 1, i => _peers[i].Id);
                _network.Partition(ids[true], ids[false]);
                break;
            case StepKind.Heal:
                _network.Heal();
                break;
        }
    }

    private async Task CreateAsync(Peer peer)
    {
        var synclet = await Synclet.CreateAsync(
            new SyncletComponents(peer.Data, peer.Meta, peer.Transports),
            options: new SyncletOptions { Id = peer.Id, TimeProvider = _time, SyncInterval = Interval });
        synclet.AtomChanged += (_, change) =>
        {
            if (change.Origin == ChangeOrigin.Local)
            {
                _writes.Enqueue((change.Address, change.NewAtom, change.Timestamp));
            }
        };
        peer.Synclet = synclet;
    }

    /// <summary>Last writer wins per atom: the write with the latest timestamp, and that timestamp.</summary>
    private (Dictionary<Address, Atom> Data, Dictionary<Address, string> Meta) Model()
    {
        var latest = _writes.GroupBy(write => write.Address).Select(writes => writes.MaxBy(write => write.Timestamp, StringComparer.Ordinal)).ToList();
        return (
            latest.Where(write => write.Atom is not null).ToDictionary(write => write.Address, write => write.Atom!.Value),
            latest.ToDictionary(write => write.Address, write => write.Timestamp));
    }

    /// <summary>Null when every peer holds the model's data and meta; otherwise what differs.</summary>
    private async Task<string?> ConvergedAsync((Dictionary<Address, Atom> Data, Dictionary<Address, string> Meta) expected)
    {
        foreach (var peer in _peers)
        {
            var data = (await peer.Synclet!.GetDataAsync()).Leaves().ToDictionary(leaf => leaf.Key, leaf => leaf.Value);
            var meta = (await peer.Synclet.GetMetaAsync()).Leaves().ToDictionary(leaf => leaf.Key, leaf => leaf.Value);
            if ((Difference(expected.Data, data) ?? Difference(expected.Meta, meta)) is { } difference)
            {
                return $"{peer.Id}: {difference}";
            }
        }

        return null;
    }

    private static string? Difference<T>(Dictionary<Address, T> expected, Dictionary<Address, T> actual)
    {
        foreach (var (address, value) in expected)
        {
            if (!actual.TryGetValue(address, out var held) || !EqualityComparer<T>.Default.Equals(held, value))
            {
                return $"'{address}' should hold {value}, holds {(actual.ContainsKey(address) ? held : "nothing")}";
            }
        }

        return actual.Keys.FirstOrDefault(address => !expected.ContainsKey(address)) is { Count: > 0 } extra
            ? $"'{extra}' holds {actual[extra]}, which no write explains"
            : null;
    }

    /// <summary>Polls until <paramref name="check"/> finds nothing wrong; a timeout reports the last difference.</summary>
    private static async Task WaitForAsync(Func<Task<string?>> check, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (await check() is { } difference)
        {
            if (deadline.Elapsed > timeout)
            {
                throw new InvalidOperationException($"Not converged {timeout.TotalSeconds:0} s after the faults stopped and one interval passed: {difference}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    /// <summary>The pools peer <paramref name="peer"/> joins in a topology of <paramref name="peers"/>.</summary>
    private static IEnumerable<string> PoolsOf(Topology topology, int peer, int peers)
    {
        string Link(int a, int b) => $"link-{Math.Min(a, b)}-{Math.Max(a, b)}";
        return topology switch
        {
            Topology.Pool => ["all"],
            Topology.Chain => new[] { peer - 1, peer + 1 }.Where(other => other >= 0 && other < peers).Select(other => Link(peer, other)),
            Topology.Ring => new[] { (peer + peers - 1) % peers, (peer + 1) % peers }.Select(other => Link(peer, other)),
            Topology.Star => peer == 0 ? Enumerable.Range(1, peers - 1).Select(other => Link(0, other)) : [Link(0, peer)],
            _ => throw new ArgumentOutOfRangeException(nameof(topology)),
        };
    }

    private sealed class Peer(string id, Transport[] transports)
    {
        public string Id { get; } = id;

        public MemoryDataConnector Data { get; } = new(2);

        public MemoryMetaConnector Meta { get; } = new(2);

        public Transport[] Transports { get; } = transports;

        public Synclet? Synclet { get; set; }
    }
}
