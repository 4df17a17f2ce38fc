using System.Net.WebSockets;
using Synclets.Transports;

namespace Synclets.WebSockets.Client;

/// <summary>Format, limits and reconnection of a <see cref="WsClientTransport"/>.</summary>
public sealed record WsClientTransportOptions : TransportOptions
{
    /// <summary>The wait before the first reconnection attempt; doubled after each failure. 250 ms by default.</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait between reconnection attempts; 30 s by default.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one connection attempt may take; 10 s by default.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long one packet may take to send; 30 s by default. A server that stops reading would
    /// otherwise hold the synclet up: past this, the connection is dropped and made again.
    /// </summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the client pings the server; 30 s by default (not in the browser, whose WebSocket keeps itself alive).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the client waits for a ping's answer before it treats the connection as lost; 30 s by default (not in the browser).</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest WebSocket message (one packet) accepted; larger ones are discarded and counted. 1 MiB by default.</summary>
    public int MaxFrameBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Called before every connection attempt, to set headers (an access token, say), sub-protocols
    /// or a proxy on the socket about to connect.
    /// </summary>
    public Action<ClientWebSocketOptions>? ConfigureSocket { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReconnectMinDelay, TimeSpan.Zero, nameof(ReconnectMinDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReconnectMaxDelay, ReconnectMinDelay, nameof(ReconnectMaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SendTimeout, TimeSpan.Zero, nameof(SendTimeout));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFrameBytes, nameof(MaxFrameBytes));
    }
}
