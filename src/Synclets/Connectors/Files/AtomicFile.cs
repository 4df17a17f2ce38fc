using System.Runtime.InteropServices;

namespace Synclets.Connectors.Files;

/// <summary>
/// Replaces a file so that a process killed at any moment leaves the old content or the new, never
/// a mix: the new content goes to a temporary file beside it, reaches the disk, is renamed over
/// the old one, and the directory's entry reaches the disk too.
/// </summary>
internal static class AtomicFile
{
    /// <summary>The names of the temporary files of <paramref name="path"/> (what a killed writer may leave), as a search pattern.</summary>
    public static string TemporaryPattern(string path) => $".{Path.GetFileName(path)}.*.tmp";

    public static async Task ReplaceAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, FileOptions.Asynchronous))
            {
                await write(stream).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        FlushDirectory(directory);
    }

    /// <summary>Makes a rename in <paramref name="directory"/> durable (POSIX: fsync on the directory; Windows journals it).</summary>
    private static void FlushDirectory(string directory)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()))
        {
            return;
        }

        // .NET opens no directory, so the descriptor comes from libc itself.
        var descriptor = Open(directory, 0 /* O_RDONLY */);
        if (descriptor < 0)
        {
            return; // some file systems refuse to open a directory; the rename is then as durable as they make it
        }

        try
        {
            _ = Fsync(descriptor);
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [DllImport("libc", EntryPoint = "open", BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int descriptor);
}
