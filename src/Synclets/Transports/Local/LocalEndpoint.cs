namespace Synclets.Transports.Local;

/// <summary>How processes of one channel reach each other: a Unix domain socket, or a named pipe on Windows.</summary>
internal abstract class LocalEndpoint
{
    /// <summary>The endpoint of this platform for <paramref name="place"/>.</summary>
    public static LocalEndpoint For(LocalChannelPlace place)
    {
        if (OperatingSystem.IsWindows())
        {
            return new NamedPipeEndpoint(place.PipeName);
        }

        return new UnixSocketEndpoint(place.SocketPath);
    }

    /// <summary>Connects to the hub; null when no hub listens (no socket, or one a dead process left).</summary>
    public abstract Task<Stream?> TryConnectAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Starts listening as the hub; called only while holding the channel's lock.</summary>
    public abstract LocalListener Listen();
}

/// <summary>The hub's side of an endpoint: accepts the connections of other processes.</summary>
internal abstract class LocalListener : IDisposable
{
    /// <summary>Waits for the next process to connect.</summary>
    public abstract Task<Stream> AcceptAsync(CancellationToken cancellationToken);

    /// <summary>Stops listening and removes what the endpoint left in the file system.</summary>
    public abstract void Dispose();
}
