namespace Synclets.Connectors.Files;

/// <summary>
/// Tells when one file may have changed on disk — written in place, created, or renamed over —
/// once per burst of events (editors and atomic replaces raise several), on a thread-pool thread.
/// </summary>
internal sealed class FileChangeWatch : IDisposable
{
    /// <summary>How long a burst of events is gathered before the file is read.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(100);

    private readonly FileSystemWatcher _watcher;
    private readonly Func<Task> _changed;
    private int _scheduled;

    public FileChangeWatch(string path, Func<Task> changed)
    {
        _changed = changed;
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, _) => Schedule();
        _watcher.Created += (_, _) => Schedule();
        _watcher.Renamed += (_, _) => Schedule();
        _watcher.EnableRaisingEvents = true;
    }

    public void Dispose() => _watcher.Dispose();

    private void Schedule()
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            await Task.Delay(Settle).ConfigureAwait(false);
            Volatile.Write(ref _scheduled, 0);
            await _changed().ConfigureAwait(false);
        });
    }
}
