using System.Net.Sockets;
using System.Runtime.Versioning;

namespace Synclets.Transports.Local;

/// <summary>A channel's Unix domain socket, in the user's owner-only channel folder.</summary>
[UnsupportedOSPlatform("windows")]
internal sealed class UnixSocketEndpoint(string path) : LocalEndpoint
{
    private const int Backlog = 64;

    public override async Task<Stream?> TryConnectAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), limit.Token).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (Exception exception) when (exception is SocketException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // No socket file, or one whose process is gone (connection refused): no hub listens.
            socket.Dispose();
            return null;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public override LocalListener Listen()
    {
        // Whoever holds the lock owns the path: a file there is what a dead hub left.
        File.Delete(path);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            socket.Listen(Backlog);
            return new Listener(socket, path);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed class Listener(Socket socket, string path) : LocalListener
    {
        public override async Task<Stream> AcceptAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var accepted = await socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
                if (PeerCredentials.IsSameUser(accepted))
                {
                    return new NetworkStream(accepted, ownsSocket: true);
                }

                // The folder keeps other users out; this is the second lock on the door.
                accepted.Dispose();
            }
        }

        public override void Dispose()
        {
            // Removed before the lock is released, so it can never remove a successor's socket.
            File.Delete(path);
            socket.Dispose();
        }
    }
}
