using System.Runtime.Versioning;
using System.Text;
using Synclets.Browser.Interop;
using Synclets.Transports;
using Synclets.Wire;

namespace Synclets.Browser.Transports;

/// <summary>
/// Connects the synclets of one origin's tabs, windows and workers that name the same channel, with
/// no server, over the browser's <c>BroadcastChannel</c>. Each packet is posted as
/// <c>{from, packet}</c>, the TypeScript Synclets' shape, so a TypeScript synclet of the same origin
/// can share the channel (both in the JSON wire format, this transport's default).
/// </summary>
[SupportedOSPlatform("browser")]
public sealed class BroadcastChannelTransport : Transport
{
    /// <summary>The longest sender id accepted; longer ones are dropped as hostile.</summary>
    private const int MaxPeerIdLength = 256;

    private int _channel;

    /// <summary>
    /// Creates a transport on channel <paramref name="channelName"/>. Without options it speaks the
    /// JSON wire format, the one a TypeScript peer on the channel understands.
    /// </summary>
    /// <exception cref="ArgumentException">The channel name is empty.</exception>
    public BroadcastChannelTransport(string channelName, TransportOptions? options = null)
        : base(options ?? new TransportOptions { WireFormat = WireFormat.Json })
    {
        ArgumentException.ThrowIfNullOrEmpty(channelName);
        ChannelName = channelName;
    }

    /// <summary>The BroadcastChannel's name.</summary>
    public string ChannelName { get; }

    /// <summary>The largest packet accepted from the channel: a fragment with room for its header.</summary>
    private int MaxPacketBytes => (Options.FragmentSize * 3) + 1024;

    /// <inheritdoc />
    protected override async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await BrowserModule.LoadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        _channel = JsBroadcastChannel.Open(ChannelName, OnText, OnBinary, reason => DropPacket(reason));
    }

    /// <inheritdoc />
    protected override Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (_channel != 0)
        {
            JsBroadcastChannel.Close(_channel);
            _channel = 0;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override ValueTask SendPacketAsync(string to, ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        if (_channel == 0)
        {
            return ValueTask.CompletedTask;
        }

        if (Codec.Format == WireFormat.Json)
        {
            JsBroadcastChannel.PostText(_channel, SyncletId, Encoding.UTF8.GetString(packet.Span));
        }
        else
        {
            JsBroadcastChannel.PostBinary(_channel, SyncletId, new ArraySegment<byte>(packet.ToArray()));
        }

        return ValueTask.CompletedTask;
    }

    private void OnText(string from, string packet)
    {
        if (packet.Length > MaxPacketBytes)
        {
            DropPacket("a text packet over the size a fragment may take", from);
            return;
        }

        Deliver(from, Encoding.UTF8.GetBytes(packet));
    }

    private void OnBinary(string from)
    {
        var packet = JsBroadcastChannel.TakeBinary();
        if (packet.Length > MaxPacketBytes)
        {
            DropPacket("a binary packet over the size a fragment may take", from);
            return;
        }

        Deliver(from, packet);
    }

    /// <summary>
    /// Every tab on the channel sees every packet: keep those addressed to this synclet or to all,
    /// and put the sender where the addressee was, as a broker does, before the usual checks.
    /// </summary>
    private void Deliver(string from, byte[] packet)
    {
        if (from.Length is 0 or > MaxPeerIdLength || from == "*" || from.Contains(' ', StringComparison.Ordinal))
        {
            DropPacket("a packet whose sender id is empty, '*', too long or has a space");
            return;
        }

        if (!Codec.TryParsePacket(packet, out var parsed))
        {
            // Malformed, or in the other format: the base class counts it and tells which.
            ReceivePacket(packet);
            return;
        }

        if (parsed.Peer == SyncletId || parsed.Peer == "*")
        {
            ReceivePacket(Codec.WithPeer(packet, from));
        }
    }
}
