using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Synclets.Logging;

/// <summary>
/// Keeps warnings that input from peers can trigger from flooding the log: of each kind, the first
/// few of a window are logged as they come, and the rest are summed up in one line when the window
/// ends ("3,214,001 more … from 2 sources in the last 10 s"). Counters elsewhere still count each one.
/// Thread-safe.
/// </summary>
/// <remarks>
/// A peer chooses how often these warnings happen, so without a bound one client sending garbage
/// at full rate writes more log than data (a hundred megabytes in ten seconds).
/// </remarks>
internal sealed class LogThrottle
{
    /// <summary>How many distinct sources a summary tells apart before it says "or more".</summary>
    private const int MaxSourcesCounted = 1_000;

    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly string _owner;
    private readonly Dictionary<string, KindState> _kinds = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Creates a throttle writing its summaries to <paramref name="logger"/>.</summary>
    /// <param name="logger">Where summaries go (the caller logs the warnings it is allowed to).</param>
    /// <param name="timeProvider">The clock of windows and of the summary timer.</param>
    /// <param name="owner">Who is speaking, put before each summary (a synclet id, or empty).</param>
    public LogThrottle(ILogger logger, TimeProvider timeProvider, string owner = "")
    {
        _logger = logger;
        _timeProvider = timeProvider;
        _owner = owner.Length > 0 ? $"[{owner}] " : string.Empty;
    }

    /// <summary>The length of a window; 10 seconds.</summary>
    public static TimeSpan Window { get; } = TimeSpan.FromSeconds(10);

    /// <summary>How many warnings of one kind a window logs before it starts summing up; 5.</summary>
    public const int WarningsPerWindow = 5;

    /// <summary>
    /// Whether a warning of <paramref name="kind"/> may be logged now. When it may not, it is counted
    /// for the window's summary, which tells how many were not logged and from how many sources.
    /// </summary>
    /// <param name="kind">What happened, as the summary should say it ("dropped malformed packets").</param>
    /// <param name="source">Who caused it (a peer or client id), to count distinct sources.</param>
    public bool ShouldLog(string kind, string? source = null)
    {
        if (!_logger.IsEnabled(LogLevel.Warning))
        {
            return false;
        }

        lock (_gate)
        {
            var now = _timeProvider.GetTimestamp();
            if (!_kinds.TryGetValue(kind, out var state))
            {
                _kinds[kind] = state = new KindState(now);
            }
            else if (_timeProvider.GetElapsedTime(state.WindowStart, now) >= Window)
            {
                Summarize(kind, state);
                state.Restart(now);
            }

            if (state.Logged < WarningsPerWindow)
            {
                state.Logged++;
                return true;
            }

            state.Suppressed++;
            if (source is not null && state.Sources.Count < MaxSourcesCounted)
            {
                state.Sources.Add(source);
            }

            // The summary must come even if the flood stops now, so a timer writes it at the window's end.
            state.Timer ??= _timeProvider.CreateTimer(static value => ((Summary)value!).Write(), new Summary(this, kind), Window, Timeout.InfiniteTimeSpan);
            return false;
        }
    }

    /// <summary>Writes the summary of a window that has ended, if anything was left out.</summary>
    private void SummarizeIfEnded(string kind)
    {
        lock (_gate)
        {
            if (!_kinds.TryGetValue(kind, out var state) || state.Timer is not { } timer)
            {
                return;
            }

            var remaining = Window - _timeProvider.GetElapsedTime(state.WindowStart, _timeProvider.GetTimestamp());
            if (remaining > TimeSpan.Zero)
            {
                // A timer may fire a little early; the window is not over yet.
                timer.Change(remaining, Timeout.InfiniteTimeSpan);
                return;
            }

            Summarize(kind, state);
            _kinds.Remove(kind);
        }
    }

    private void Summarize(string kind, KindState state)
    {
        state.Timer?.Dispose();
        state.Timer = null;
        if (state.Suppressed == 0)
        {
            return;
        }

        var sources = state.Sources.Count switch
        {
            0 => string.Empty,
            1 => " from 1 source",
            MaxSourcesCounted => $" from {Format(MaxSourcesCounted)} or more sources",
            var count => $" from {Format(count)} sources",
        };
        var seconds = Math.Round(_timeProvider.GetElapsedTime(state.WindowStart).TotalSeconds);
        _logger.LogWarning(
            "{Owner}{Count} more warnings not logged ({Kind}){Sources} in the last {Seconds} s",
            _owner,
            Format(state.Suppressed),
            kind,
            sources,
            seconds);
    }

    private static string Format(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The timer's state: which kind to summarize.</summary>
    private sealed class Summary(LogThrottle throttle, string kind)
    {
        public void Write() => throttle.SummarizeIfEnded(kind);
    }

    private sealed class KindState(long windowStart)
    {
        public long WindowStart { get; private set; } = windowStart;

        public int Logged { get; set; }

        public long Suppressed { get; set; }

        public HashSet<string> Sources { get; } = new(StringComparer.Ordinal);

        public ITimer? Timer { get; set; }

        public void Restart(long now)
        {
            WindowStart = now;
            Logged = 0;
            Suppressed = 0;
            Sources.Clear();
        }
    }
}
