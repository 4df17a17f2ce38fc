using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Synclets.Transports.Local;

/// <summary>
/// Connects the synclets of one user's processes on one machine that name the same channel, with
/// no server to start: the first process to join becomes the channel's hub and relays between the
/// others; when it exits or is killed, another takes over and every process rejoins and syncs the
/// whole tree. Processes meet over a Unix domain socket (a named pipe on Windows) in a folder only
/// the user can enter, so other users cannot join. Both wire formats; the processes of a channel
/// must agree on one.
/// </summary>
/// <remarks>
/// Several transports of one process may join the same channel too: one of them is the hub.
/// Watch <see cref="Role"/> and <see cref="RoleChanged"/> to see which part this one plays.
/// </remarks>
public sealed class LocalTransport : Transport
{
    private readonly Lock _roleLock = new();
    private LocalEndpoint? _endpoint;
    private LocalChannelPlace? _place;
    private CancellationTokenSource? _running;
    private Task _staying = Task.CompletedTask;
    private volatile LocalHub? _hub;
    private volatile HubLink? _link;

    /// <summary>Creates a transport that joins <paramref name="channel"/> when its synclet starts.</summary>
    /// <param name="channel">Any name; the processes that give the same one (and use the same folder) sync.</param>
    /// <param name="options">Format, limits, folder and reconnection; MessagePack and defaults when null.</param>
    /// <exception cref="ArgumentException">The channel name is empty or longer than 1,024 characters.</exception>
    public LocalTransport(string channel, LocalTransportOptions? options = null) : base(options ?? new LocalTransportOptions())
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        if (channel.Length > 1024)
        {
            throw new ArgumentException("A channel name may have at most 1,024 characters.", nameof(channel));
        }

        Channel = channel;
        LocalOptions = (LocalTransportOptions)Options;
    }

    /// <summary>The channel this transport joins.</summary>
    public string Channel { get; }

    /// <summary>Format, limits, folder and reconnection settings.</summary>
    public LocalTransportOptions LocalOptions { get; }

    /// <summary>The part this transport plays on its channel now.</summary>
    public LocalTransportRole Role { get; private set; }

    /// <summary>
    /// Raised when <see cref="Role"/> changes: on joining, on losing the hub, on taking over from it.
    /// Handlers run on the transport's own thread and must not block.
    /// </summary>
    public event EventHandler<LocalTransportRole>? RoleChanged;

    /// <inheritdoc />
    /// <exception cref="IOException">The channel's folder cannot be used: another user's, a link, or too long a path.</exception>
    protected override async Task ConnectAsync(CancellationToken cancellationToken)
    {
        _place = LocalChannelPlace.Prepare(Channel, LocalOptions.Directory);
        _endpoint = LocalEndpoint.For(_place);
        var running = new CancellationTokenSource();
        _running = running;

        // Another process may be between taking the lock and listening: retry briefly before going on in the background.
        var backoff = new ReconnectBackoff(LocalOptions.ReconnectMinDelay, LocalOptions.ReconnectMaxDelay);
        var started = Stopwatch.GetTimestamp();
        bool joined;
        try
        {
            joined = await TryJoinAsync(cancellationToken).ConfigureAwait(false);
            while (!joined && Stopwatch.GetElapsedTime(started) < LocalOptions.ConnectTimeout)
            {
                await Task.Delay(backoff.NextDelay(), cancellationToken).ConfigureAwait(false);
                joined = await TryJoinAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            _running = null;
            running.Dispose();
            await LeaveAsync().ConfigureAwait(false);
            throw;
        }

        if (!joined)
        {
            Logger.LogWarning("[{SyncletId}] could not join channel {Channel} in {Timeout}; trying in the background", SyncletId, Channel, LocalOptions.ConnectTimeout);
        }

        _staying = Task.Run(() => StayAsync(joined, running.Token), CancellationToken.None);
    }

    /// <inheritdoc />
    protected override async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, null) is not { } running)
        {
            return;
        }

        await running.CancelAsync().ConfigureAwait(false);
        await _staying.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        running.Dispose();
    }

    /// <inheritdoc />
    protected override async ValueTask SendPacketAsync(string to, ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        if (_hub is { } hub)
        {
            hub.Send(to, packet.Span);
        }
        else if (_link is { } link)
        {
            await link.SendAsync(packet, cancellationToken).ConfigureAwait(false);
        }

        // Off the channel the packet is dropped: the sync on rejoining carries its change.
    }

    /// <inheritdoc />
    protected internal override bool HasPeer(string peerId) =>
        _hub is { } hub ? hub.HasPeer(peerId) : _link is not null;

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Keeps this transport on the channel until the synclet stops: rejoins after every loss, as member or as the new hub.</summary>
    private async Task StayAsync(bool joined, CancellationToken stop)
    {
        var backoff = new ReconnectBackoff(LocalOptions.ReconnectMinDelay, LocalOptions.ReconnectMaxDelay);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (!joined)
                {
                    await Task.Delay(backoff.NextDelay(), stop).ConfigureAwait(false);
                    if (!(joined = await TryJoinAsync(stop).ConfigureAwait(false)))
                    {
                        continue;
                    }

                    // The others may have changed while this one was away: sync the whole tree with them.
                    NotifyReconnected();
                }

                var since = Stopwatch.GetTimestamp();
                await WhileJoinedAsync(stop).ConfigureAwait(false);
                await LeaveAsync().ConfigureAwait(false);
                joined = false;

                // A hub that takes and at once drops this process must not be hammered.
                if (Stopwatch.GetElapsedTime(since) > LocalOptions.ReconnectMaxDelay)
                {
                    backoff.Reset();
                }

                if (!stop.IsCancellationRequested)
                {
                    Logger.LogInformation("[{SyncletId}] lost the hub of channel {Channel}; rejoining", SyncletId, Channel);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            await LeaveAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Connects to the channel's hub, or becomes it when none listens and no one else holds the lock.</summary>
    private async Task<bool> TryJoinAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await TryConnectAsync(cancellationToken).ConfigureAwait(false) is { } link)
            {
                _link = link;
                SetRole(LocalTransportRole.Member);
                return true;
            }

            if (ChannelLock.TryTake(_place!.LockPath) is not { } channelLock)
            {
                return false;
            }

            LocalListener listener;
            try
            {
                listener = _endpoint!.Listen();
            }
            catch
            {
                channelLock.Dispose();
                throw;
            }

            var hub = new LocalHub(listener, channelLock, LocalOptions, SyncletId, packet => ReceivePacket(packet), DropPacket, Logger);
            _hub = hub;
            hub.Start();
            SetRole(LocalTransportRole.Hub);
            Logger.LogInformation("[{SyncletId}] is the hub of channel {Channel}", SyncletId, Channel);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            Logger.LogDebug("[{SyncletId}] joining channel {Channel} failed: {Reason}", SyncletId, Channel, exception.Message);
            return false;
        }
    }

    private async Task<HubLink?> TryConnectAsync(CancellationToken cancellationToken)
    {
        if (await _endpoint!.TryConnectAsync(LocalOptions.ConnectTimeout, cancellationToken).ConfigureAwait(false) is not { } stream)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(LocalOptions.ConnectTimeout);
        try
        {
            await LocalFrames.GreetAsync(stream, timeout.Token).ConfigureAwait(false);
            return new HubLink(stream, LocalOptions);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
            && exception is InvalidDataException or IOException or OperationCanceledException)
        {
            // A hub that turns this process away (it serves enough), or a socket no hub answers on.
            Logger.LogDebug("[{SyncletId}] the hub of channel {Channel} did not greet: {Reason}", SyncletId, Channel, exception.Message);
            await stream.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Waits while this transport is on the channel: as member until the hub is lost, as hub until it stops listening.</summary>
    private async Task WhileJoinedAsync(CancellationToken stop)
    {
        if (_link is { } link)
        {
            if (await link.ReceiveAsync(packet => ReceivePacket(packet), stop).ConfigureAwait(false))
            {
                DropPacket("the hub broke the framing (a frame over MaxFrameBytes, or cut short)");
            }
        }
        else if (_hub is { } hub)
        {
            await hub.Listening.WaitAsync(stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (hub.Listening.Exception is { } failure)
            {
                Logger.LogWarning(failure.InnerException, "[{SyncletId}] the hub of channel {Channel} stopped listening", SyncletId, Channel);
            }
        }
    }

    private async Task LeaveAsync()
    {
        if (Interlocked.Exchange(ref _link, null) is { } link)
        {
            await link.DisposeAsync().ConfigureAwait(false);
        }

        if (Interlocked.Exchange(ref _hub, null) is { } hub)
        {
            await hub.DisposeAsync().ConfigureAwait(false);
        }

        SetRole(LocalTransportRole.Offline);
    }

    private void SetRole(LocalTransportRole role)
    {
        lock (_roleLock)
        {
            if (Role == role)
            {
                return;
            }

            Role = role;
        }

        try
        {
            RoleChanged?.Invoke(this, role);
        }
        catch (Exception exception)
        {
            Logger.LogError(exception, "[{SyncletId}] a RoleChanged handler failed", SyncletId);
        }
    }
}
