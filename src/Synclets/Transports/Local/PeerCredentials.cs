using System.Net.Sockets;

namespace Synclets.Transports.Local;

/// <summary>Who is at the other end of a Unix domain socket, where the system can say.</summary>
internal static class PeerCredentials
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <summary>
    /// Whether the process connected to <paramref name="socket"/> runs as this user (or root). On
    /// Linux the kernel tells (SO_PEERCRED); elsewhere the owner-only folder is the guard and this says yes.
    /// </summary>
    public static bool IsSameUser(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        Span<byte> credentials = stackalloc byte[12];
        if (socket.GetRawSocketOption(SolSocket, SoPeerCred, credentials) < 8)
        {
            return false;
        }

        var peer = BitConverter.ToUInt32(credentials[4..8]);
        return peer == LocalChannelPlace.UserId() || peer == 0;
    }
}
