using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Synclets.Conformance.Support;

/// <summary>
/// Listens to a meter as a monitoring system would (<see cref="MeterListener"/>), keeping only the
/// measurements of series whose <paramref name="tag"/> is <paramref name="value"/>, so that tests running
/// in parallel do not see each other's synclets.
/// </summary>
public sealed class MeterReading : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _latest = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _recorded = new();

    public MeterReading(string meterName, string tag, string value)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName)
            {
                lock (Instruments)
                {
                    Instruments.Add(instrument.Name);
                }

                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, measurement, tags, _) =>
        {
            if (KeyOf(instrument, tags, tag, value) is { } key)
            {
                _latest[key] = measurement;
            }
        });
        _listener.SetMeasurementEventCallback<double>((instrument, measurement, tags, _) =>
        {
            if (KeyOf(instrument, tags, tag, value) is { } key)
            {
                _recorded.GetOrAdd(key, _ => new ConcurrentQueue<double>()).Enqueue(measurement);
            }
        });
        _listener.Start();
    }

    /// <summary>Every instrument of the meter that a listener was offered.</summary>
    public HashSet<string> Instruments { get; } = [];

    /// <summary>Collects now, and returns each series' value by instrument name (with any other tags, as <c>name{tag=value}</c>).</summary>
    public IReadOnlyDictionary<string, long> Collect()
    {
        _latest.Clear();
        _listener.RecordObservableInstruments();
        return new Dictionary<string, long>(_latest);
    }

    /// <summary>Every value recorded so far by a recording instrument (a histogram), by <c>name{tag=value}</c> as in <see cref="Collect"/>.</summary>
    public IReadOnlyList<double> Recorded(string key) => _recorded.TryGetValue(key, out var values) ? [.. values] : [];

    public void Dispose() => _listener.Dispose();

    /// <summary>The series' key, or null when it is not one of the series followed.</summary>
    private static string? KeyOf(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags, string tag, string value)
    {
        var mine = false;
        var key = instrument.Name;
        foreach (var (name, tagValue) in tags)
        {
            mine |= name == tag && Equals(tagValue, value);
            if (name != tag)
            {
                key += $"{{{name}={tagValue}}}";
            }
        }

        return mine ? key : null;
    }
}
