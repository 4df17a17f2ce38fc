using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Synclets.Transports.Local;

/// <summary>
/// Where a channel lives: its lock file and its socket (a Unix domain socket, or a named pipe on
/// Windows) in a folder only the user can enter. Names come from a hash of the channel, so any
/// channel name is a safe, short file name.
/// </summary>
internal sealed record LocalChannelPlace(string Directory, string LockPath, string SocketPath, string PipeName)
{
    /// <summary>The longest Unix socket path the platforms accept (sun_path less its terminating zero, macOS' 104 the smaller).</summary>
    private const int MaxSocketPathBytes = 103;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Finds the place of <paramref name="channel"/>, creating and securing its folder.</summary>
    /// <exception cref="IOException">The folder belongs to another user, is a link, or the socket path is too long.</exception>
    public static LocalChannelPlace Prepare(string channel, string? directory)
    {
        var folder = Path.GetFullPath(directory ?? DefaultDirectory());
        Secure(folder);

        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(channel)).AsSpan(0, 16));
        var socketPath = Path.Combine(folder, name + ".sock");
        if (!OperatingSystem.IsWindows() && Encoding.UTF8.GetByteCount(socketPath) > MaxSocketPathBytes)
        {
            throw new IOException(
                $"The socket path '{socketPath}' is longer than the {MaxSocketPathBytes} bytes Unix sockets allow; choose a shorter LocalTransportOptions.Directory.");
        }

        return new LocalChannelPlace(folder, Path.Combine(folder, name + ".lock"), socketPath, $"synclets-{Environment.UserName}-{name}");
    }

    private static string DefaultDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "Synclets", "channels");
        }

        // The runtime directory is the user's own and lives in memory; the temporary folder is shared, hence the user id.
        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        return !string.IsNullOrEmpty(runtime) && System.IO.Directory.Exists(runtime)
            ? Path.Combine(runtime, "synclets")
            : Path.Combine(Path.GetTempPath(), $"synclets-{UserId()}");
    }

    /// <summary>Creates the folder owner-only, or makes sure an existing one is ours, a real folder, and owner-only.</summary>
    private static void Secure(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            // The user's local application data is private to the user already.
            System.IO.Directory.CreateDirectory(folder);
            return;
        }

        var info = System.IO.Directory.CreateDirectory(folder, OwnerOnly);
        if (info.LinkTarget is not null)
        {
            throw new IOException($"The channel folder '{folder}' is a symbolic link; refusing to use it. Remove it or choose LocalTransportOptions.Directory.");
        }

        try
        {
            // Only the owner may change a folder's mode: this both proves it is ours and closes it to others.
            File.SetUnixFileMode(folder, OwnerOnly);
        }
        catch (UnauthorizedAccessException)
        {
            throw new IOException($"The channel folder '{folder}' belongs to another user; refusing to use it. Remove it or choose LocalTransportOptions.Directory.");
        }
    }

    /// <summary>The effective user id, which names the user's folder in the shared temporary folder.</summary>
    internal static uint UserId() => OperatingSystem.IsWindows() ? 0 : GetEffectiveUserId();

    [DllImport("libc", EntryPoint = "geteuid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint GetEffectiveUserId();
}
