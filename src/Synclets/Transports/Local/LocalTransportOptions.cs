namespace Synclets.Transports.Local;

/// <summary>Format, limits, place and reconnection of a <see cref="LocalTransport"/>.</summary>
public sealed record LocalTransportOptions : TransportOptions
{
    /// <summary>
    /// The folder that holds each channel's socket and lock file. By default a folder of the user's
    /// own: <c>$XDG_RUNTIME_DIR/synclets</c>, else <c>synclets-UID</c> in the temporary folder (on
    /// Windows <c>%LOCALAPPDATA%\Synclets\channels</c>). It is created if missing and made
    /// owner-only (0700), and refused if another user owns it, so other users cannot join a channel.
    /// Processes reach each other only when they use the same folder.
    /// </summary>
    public string? Directory { get; init; }

    /// <summary>
    /// How long starting the synclet waits to join the channel (reach the hub, or become it) before
    /// it goes on and keeps trying in the background; 2 s by default.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The wait before the first retry to join after the hub is lost; doubled after each failure. 10 ms by default.</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest wait between retries; 1 s by default.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one packet may take to reach the hub before the connection is dropped and made again; 10 s by default.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest frame (one packet) accepted; a larger one ends the connection that sent it. 1 MiB by default.</summary>
    public int MaxFrameBytes { get; init; } = 1024 * 1024;

    /// <summary>How many other processes a hub serves at once; later ones are turned away. 64 by default.</summary>
    public int MaxPeers { get; init; } = 64;

    /// <summary>
    /// How many bytes a hub holds for one peer that reads too slowly; past this the peer is
    /// disconnected (it reconnects and syncs the whole tree). 16 MiB by default.
    /// </summary>
    public long MaxBacklogBytes { get; init; } = 16L * 1024 * 1024;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReconnectMinDelay, TimeSpan.Zero, nameof(ReconnectMinDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReconnectMaxDelay, ReconnectMinDelay, nameof(ReconnectMaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SendTimeout, TimeSpan.Zero, nameof(SendTimeout));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPeers, nameof(MaxPeers));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBacklogBytes, nameof(MaxBacklogBytes));

        // A packet is a fragment plus its header; a JSON fragment counts UTF-16 units, up to 3 bytes each.
        var largestPacket = (long)FragmentSize * (WireFormat == Wire.WireFormat.Json ? 3 : 1) + 1024;
        if (MaxFrameBytes < largestPacket)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFrameBytes), MaxFrameBytes,
                $"MaxFrameBytes must hold the largest packet of FragmentSize {FragmentSize}: at least {largestPacket}.");
        }
    }
}
