using System.Diagnostics;
using System.Diagnostics.Metrics;
using Synclets.Diagnostics;
using Synclets.WebSockets.Server.Diagnostics;

namespace Synclets.Benchmarks.Observability;

/// <summary>What watches a benchmark's synclets.</summary>
public enum Watch
{
    /// <summary>Nothing listens.</summary>
    None,

    /// <summary>A meter listener collects every instrument of both meters ten times a second.</summary>
    Metrics,

    /// <summary>The same, and an activity listener records every span.</summary>
    MetricsAndTraces,
}

/// <summary>
/// Someone watching, harder than a monitoring system does: a meter listener collecting every
/// instrument of both meters ten times a second (dotnet-counters collects once a second,
/// OpenTelemetry's default once a minute), and, when asked, an activity listener recording every span.
/// </summary>
internal sealed class Observation : IDisposable
{
    private readonly MeterListener _meters = new();
    private readonly ActivityListener? _spans;
    private readonly Timer _collecting;

    private Observation(bool traces)
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name is SyncletDiagnostics.MeterName or WsServerDiagnostics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>(static (_, _, _, _) => { });
        _meters.Start();
        _collecting = new Timer(_ => _meters.RecordObservableInstruments(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
        if (traces)
        {
            _spans = new ActivityListener
            {
                ShouldListenTo = source => source.Name == SyncletDiagnostics.ActivitySourceName,
                Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            };
            ActivitySource.AddActivityListener(_spans);
        }
    }

    /// <summary>Starts watching as <paramref name="watch"/> says; null for <see cref="Watch.None"/>.</summary>
    public static Observation? Start(Watch watch) => watch == Watch.None ? null : new Observation(watch == Watch.MetricsAndTraces);

    public void Dispose()
    {
        _collecting.Dispose();
        _meters.Dispose();
        _spans?.Dispose();
    }
}
