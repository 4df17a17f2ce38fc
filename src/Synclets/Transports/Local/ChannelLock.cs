namespace Synclets.Transports.Local;

/// <summary>
/// Who is the hub of a channel: the one process holding an exclusive lock on the channel's lock
/// file. The operating system releases the lock when its holder exits, however it exits, so a
/// killed hub never blocks the next one. The file itself is never deleted: a process could
/// otherwise lock a file already unlinked while another locks its replacement, and both be hub.
/// </summary>
internal sealed class ChannelLock : IDisposable
{
    private readonly FileStream _file;

    private ChannelLock(FileStream file) => _file = file;

    /// <summary>Takes the lock if no one holds it; null when another process (or transport) does.</summary>
    public static ChannelLock? TryTake(string path)
    {
        try
        {
            // An exclusive share is a real lock on Windows and an advisory flock elsewhere; both end with the process.
            return new ChannelLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
