namespace Synclets.Tool.Sync;

/// <summary>
/// Shows how far a sync has come: on a terminal, one line redrawn in place with a bar of the parts
/// answered so far; redirected to a file, a plain line at most every second. Reports arrive on the
/// synclet's thread, so drawing is throttled and never waits for the console for long.
/// </summary>
internal sealed class ProgressBar(TextWriter output, bool inPlace) : IProgress<SyncProgress>
{
    private const int Width = 24;
    private readonly Lock _lock = new();
    private readonly TimeSpan _every = inPlace ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1);
    private TimeSpan? _drawnAt;
    private SyncProgress? _last;

    public void Report(SyncProgress value)
    {
        lock (_lock)
        {
            _last = value;
            if (_drawnAt is not { } drawnAt || value.Elapsed - drawnAt >= _every)
            {
                Draw(value);
            }
        }
    }

    /// <summary>Draws the last report (if it was not) and ends the line.</summary>
    public void Finish()
    {
        lock (_lock)
        {
            if (_last is { } last && last.Elapsed != _drawnAt)
            {
                Draw(last);
            }

            if (inPlace && _last is not null)
            {
                output.WriteLine();
            }

            output.Flush();
        }
    }

    private void Draw(SyncProgress progress)
    {
        _drawnAt = progress.Elapsed;
        var parts = progress.PartsReceived + progress.PartsOutstanding;
        var done = parts == 0 ? 0 : (int)(Width * progress.PartsReceived / parts);
        var line = $"[{new string('#', done)}{new string('-', Width - done)}] {progress.AtomsReceived:N0} atoms received · {progress.PartsReceived:N0} parts, {progress.PartsOutstanding:N0} awaited · {progress.Elapsed.TotalSeconds:0.0} s";
        if (inPlace)
        {
            output.Write('\r' + line);
        }
        else
        {
            output.WriteLine(line);
        }

        output.Flush();
    }
}
