namespace Synclets.Benchmarks.WebSockets;

/// <summary>
/// Reads a few gauges every 20 ms while a run lasts and keeps each one's peak: memory and backlogs
/// exist only while packets are in flight, so a before/after pair would miss them.
/// </summary>
internal sealed class PeakSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);
    private readonly Gauge[] _gauges;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    private PeakSampler(Gauge[] gauges)
    {
        _gauges = gauges;
        Sample();
        _sampling = Task.Run(SampleUntilStoppedAsync);
    }

    /// <summary>Starts sampling; dispose to stop (the gauges are read once more then).</summary>
    public static PeakSampler Start(params Gauge[] gauges) => new(gauges);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        Sample();
        _stop.Dispose();
    }

    private async Task SampleUntilStoppedAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Sample()
    {
        foreach (var gauge in _gauges)
        {
            gauge.Read();
        }
    }
}

/// <summary>A value read repeatedly, and the highest it reached.</summary>
internal sealed class Gauge(Func<long> read)
{
    private long _peak = long.MinValue;

    public long Peak => Interlocked.Read(ref _peak);

    public void Read()
    {
        var value = read();
        var current = Interlocked.Read(ref _peak);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref _peak, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
