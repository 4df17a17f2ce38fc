using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Synclets.Diagnostics;

/// <summary>
/// The "Synclets" meter. Its instruments are observed, not recorded: when a listener collects, each
/// reads the live synclets' <see cref="SyncletStatistics"/> and their transports' statistics, so the
/// counters and the metrics are one truth, and a synclet nobody listens to pays nothing for them.
/// </summary>
internal static class SyncletMeter
{
    private static readonly Meter Meter = new(SyncletDiagnostics.MeterName);

    // Recorded, not observed: a duration is an event, not a count a synclet keeps.
    private static readonly Histogram<double> SyncDuration = Meter.CreateHistogram<double>(
        "synclets.sync.duration",
        "s",
        "How long syncs took, from sending the summary to the last peer's last answer applied (or the timeout); tagged with whether every peer finished.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    // Weak: a synclet that is never disposed is still collected; disposing only stops its reports sooner.
    private static readonly ConditionalWeakTable<Synclet, object?> Live = [];

    static SyncletMeter()
    {
        Counter("synclets.messages.sent", "{message}", "Messages sent to peers.", synclet => synclet.Transports.Sum(transport => transport.Statistics.MessagesSent));
        Counter("synclets.messages.received", "{message}", "Complete messages received from peers.", synclet => synclet.Transports.Sum(transport => transport.Statistics.MessagesReceived));
        Counter("synclets.messages.dropped", "{message}", "Received messages dropped by the transports (incomplete, or over a limit).", synclet => synclet.Transports.Sum(transport => transport.Statistics.MessagesDropped));
        Counter("synclets.packets.dropped", "{packet}", "Received packets dropped by the transports (malformed, another wire format, over a limit).", synclet => synclet.Transports.Sum(transport => transport.Statistics.PacketsDropped));
        Counter("synclets.bytes.sent", "By", "Bytes of packets sent.", synclet => synclet.Transports.Sum(transport => transport.Statistics.BytesSent));
        Counter("synclets.bytes.received", "By", "Bytes of packets received.", synclet => synclet.Transports.Sum(transport => transport.Statistics.BytesReceived));
        Counter("synclets.messages.processed", "{message}", "Received messages that were valid and answered.", synclet => synclet.Statistics.MessagesProcessed);
        Counter("synclets.messages.rejected", "{message}", "Received messages refused (undecodable, wrong version, type or depth, invalid sender, refused by a hook).", synclet => synclet.Statistics.MessagesRejected);
        Counter("synclets.messages.overflowed", "{message}", "Received messages dropped because the processing queue was full.", synclet => synclet.Statistics.MessagesOverflowed);
        Meter.CreateObservableCounter("synclets.atoms.applied", ObserveAtomsApplied, "{atom}", "Atoms whose value changed in the store: written here (local), received from a peer (remote), or adopted from the store (external).");
        Counter("synclets.conflicts", "{atom}", "Values written here that lost to a peer's later, different value.", synclet => synclet.Statistics.Conflicts);
        Counter("synclets.clock_skew.refusals", "{atom}", "Received writes refused because their timestamp was too far ahead of this synclet's clock.", synclet => synclet.Statistics.WritesTooFarAhead);
        Counter("synclets.peer_mismatches", "{peer}", "Peers found set up differently (another wire format, depth or protocol version), each peer and kind once.", synclet => synclet.Statistics.PeerMismatches);
        Counter("synclets.batches.failed", "{batch}", "Batches rolled back because the store failed.", synclet => synclet.Statistics.BatchesFailed);
        Counter("synclets.atoms.sent", "{atom}", "Atoms (values and deletions) sent to peers, once per transport.", synclet => synclet.Statistics.AtomsSent);
        Meter.CreateObservableCounter("synclets.syncs", ObserveSyncs, "{sync}", "Syncs that ended, tagged with whether every peer finished (complete) or not.");
        Counter("synclets.answers.cut", "{message}", "Answers cut short because a peer asked for more than its budget.", synclet => synclet.Statistics.AnswersCut);
    }

    /// <summary>Records how long one of <paramref name="synclet"/>'s syncs took.</summary>
    public static void RecordSync(Synclet synclet, TimeSpan duration, bool complete)
    {
        if (SyncDuration.Enabled)
        {
            SyncDuration.Record(duration.TotalSeconds, new(SyncletDiagnostics.NameTag, synclet.Name), new(SyncletDiagnostics.CompleteTag, complete));
        }
    }

    /// <summary>Makes a synclet's statistics observable until <see cref="Forget"/>.</summary>
    public static void Track(Synclet synclet) => Live.AddOrUpdate(synclet, null);

    public static void Forget(Synclet synclet) => Live.Remove(synclet);

    private static Synclet[] Snapshot() => [.. Live.Select(pair => pair.Key)];

    private static void Counter(string name, string unit, string description, Func<Synclet, long> read) =>
        Meter.CreateObservableCounter(name, () => Snapshot().Select(synclet => new Measurement<long>(read(synclet), NameOf(synclet))), unit, description);

    private static IEnumerable<Measurement<long>> ObserveAtomsApplied()
    {
        foreach (var synclet in Snapshot())
        {
            var name = NameOf(synclet)[0];
            yield return new Measurement<long>(synclet.Statistics.AtomsAppliedLocally, name, new(SyncletDiagnostics.OriginTag, "local"));
            yield return new Measurement<long>(synclet.Statistics.AtomsAppliedRemotely, name, new(SyncletDiagnostics.OriginTag, "remote"));
            yield return new Measurement<long>(synclet.Statistics.AtomsAppliedExternally, name, new(SyncletDiagnostics.OriginTag, "external"));
        }
    }

    private static IEnumerable<Measurement<long>> ObserveSyncs()
    {
        foreach (var synclet in Snapshot())
        {
            var name = NameOf(synclet)[0];
            yield return new Measurement<long>(synclet.Statistics.SyncsCompleted, name, new(SyncletDiagnostics.CompleteTag, true));
            yield return new Measurement<long>(synclet.Statistics.SyncsIncomplete, name, new(SyncletDiagnostics.CompleteTag, false));
        }
    }

    private static KeyValuePair<string, object?>[] NameOf(Synclet synclet) => [new(SyncletDiagnostics.NameTag, synclet.Name)];
}
