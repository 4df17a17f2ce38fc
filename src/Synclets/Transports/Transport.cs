using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Synclets.Logging;
using Synclets.Protocol;
using Synclets.Wire;

namespace Synclets.Transports;

/// <summary>
/// Carries a synclet's messages to other synclets. The base class encodes, fragments, reassembles
/// and guards against bad input; a subclass only connects and moves packets.
/// </summary>
public abstract class Transport : IAsyncDisposable
{
    private ITransportReceiver? _receiver;
    private PacketAssembler? _assembler;
    private LogThrottle _warnings = new(NullLogger.Instance, TimeProvider.System);
    private int _attached;
    private bool _connected;

    /// <summary>Creates a transport with the given format and limits (defaults when null).</summary>
    protected Transport(TransportOptions? options = null)
    {
        Options = options ?? new TransportOptions();
        Options.Validate();
        Codec = WireCodec.For(Options.WireFormat);
    }

    /// <summary>The format and limits of this transport.</summary>
    public TransportOptions Options { get; }

    /// <summary>Counts of packets and messages sent, received and dropped.</summary>
    public TransportStatistics Statistics { get; } = new();

    /// <summary>Whether the transport is attached to a synclet.</summary>
    public bool IsAttached => Volatile.Read(ref _attached) == 1;

    /// <summary>Whether the transport is connected (between start and stop of its synclet).</summary>
    public bool IsConnected
    {
        get => Volatile.Read(ref _connected);
        private set => Volatile.Write(ref _connected, value);
    }

    /// <summary>The id of the synclet this transport belongs to (set when attached).</summary>
    protected string SyncletId { get; private set; } = string.Empty;

    /// <summary>The synclet's logger (a null logger until attached).</summary>
    protected ILogger Logger { get; private set; } = NullLogger.Instance;

    /// <summary>The encoder and decoder of <see cref="TransportOptions.WireFormat"/>.</summary>
    protected WireCodec Codec { get; }

    /// <summary>The codec of the format this transport does not speak: it tells a peer set up differently from garbage.</summary>
    private WireCodec OtherCodec => WireCodec.For(Codec.Format == WireFormat.Json ? WireFormat.MessagePack : WireFormat.Json);

    /// <summary>The clock for reassembly timeouts (the synclet's, once attached).</summary>
    protected TimeProvider TimeProvider { get; private set; } = TimeProvider.System;

    /// <summary>Opens the connection; afterwards received packets go to <see cref="ReceivePacket"/>.</summary>
    protected abstract Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Closes the connection.</summary>
    protected abstract Task DisconnectAsync(CancellationToken cancellationToken);

    /// <summary>Sends one packet to peer <paramref name="to"/> (<c>*</c> = every peer).</summary>
    protected abstract ValueTask SendPacketAsync(string to, ReadOnlyMemory<byte> packet, CancellationToken cancellationToken);

    /// <summary>
    /// Hands over a packet that arrived; the transport gives up its memory (it is read later, on the
    /// synclet's queue, so it must not be reused). Malformed packets and packets over a limit are dropped,
    /// logged and counted; nothing is thrown. Complete messages are queued for the synclet.
    /// </summary>
    protected void ReceivePacket(ReadOnlyMemory<byte> packet)
    {
        Statistics.CountReceived(packet.Length);
        var receiver = _receiver;
        var assembler = _assembler;
        if (receiver is null || assembler is null || !IsConnected)
        {
            Statistics.CountPacketsDropped();
            return;
        }

        if (!Codec.TryParsePacket(packet, out var parsed))
        {
            Statistics.CountPacketsDropped();
            if (OtherCodec.TryParsePacket(packet, out var foreign))
            {
                // Not garbage: a peer set up with the other format. The synclet names it, once.
                receiver.PeerSpeaksOtherFormat(this, foreign.Peer, OtherCodec.Format);
                return;
            }

            if (_warnings.ShouldLog("dropped malformed packets"))
            {
                Logger.LogWarning("[{SyncletId}] dropped a malformed packet of {Length} bytes", SyncletId, packet.Length);
            }

            return;
        }

        var result = assembler.Add(parsed);
        var expired = assembler.TakeExpiredPacketCount();
        if (expired > 0)
        {
            Statistics.CountPacketsDropped(expired);
            if (_warnings.ShouldLog("released fragments of messages never completed in time"))
            {
                Logger.LogWarning("[{SyncletId}] released {Count} fragments of messages never completed in time", SyncletId, expired);
            }
        }

        switch (result.Status)
        {
            case AssemblyStatus.Completed:
                Statistics.CountMessageReceived();
                receiver.Receive(this, result.Peer, result.Payload);
                break;
            case AssemblyStatus.Dropped:
                Statistics.CountPacketsDropped();
                if (_warnings.ShouldLog(result.Reason.ToString(), parsed.Peer))
                {
                    Logger.LogWarning("[{SyncletId}] dropped a packet from {Peer}: {Reason}", SyncletId, parsed.Peer, result.Reason);
                }

                break;
        }
    }

    /// <summary>Counts and logs a packet the transport threw away before it could be parsed (too large, say).</summary>
    /// <param name="reason">
    /// What happened, as a fixed phrase: warnings are throttled per reason, so a reason that carried
    /// a size or an id would make every drop a new kind, each logged and each remembered.
    /// </param>
    /// <param name="source">Who sent it, when the transport knows: counted apart in the throttle's summary.</param>
    protected void DropPacket(string reason, string? source = null)
    {
        Statistics.CountPacketsDropped();
        if (_warnings.ShouldLog(reason, source))
        {
            if (source is null)
            {
                Logger.LogWarning("[{SyncletId}] dropped a packet: {Reason}", SyncletId, reason);
            }
            else
            {
                Logger.LogWarning("[{SyncletId}] dropped a packet from {Peer}: {Reason}", SyncletId, source, reason);
            }
        }
    }

    /// <summary>
    /// Tells the synclet that the connection came back after a loss: it syncs the whole tree with the
    /// peers behind this transport, since they may have missed changes meanwhile. Not needed for the
    /// first connection, which <see cref="ConnectAsync"/> makes while the synclet starts.
    /// </summary>
    protected void NotifyReconnected()
    {
        if (IsConnected && _receiver is { } receiver)
        {
            receiver.Reconnected(this);
        }
    }

    /// <summary>
    /// Whether <paramref name="peerId"/> can still be reached through this transport, so that work
    /// for a peer that has left (a long answer) is abandoned at once. True when the transport cannot
    /// tell, as behind a broker; a transport that knows its peers overrides it.
    /// </summary>
    protected internal virtual bool HasPeer(string peerId) => IsConnected;

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    internal virtual bool TryAttach(string syncletId, ILogger logger, TimeProvider timeProvider, ITransportReceiver receiver)
    {
        if (Interlocked.CompareExchange(ref _attached, 1, 0) != 0)
        {
            return false;
        }

        SyncletId = syncletId;
        Logger = logger;
        TimeProvider = timeProvider;
        _warnings = new LogThrottle(logger, timeProvider, syncletId);
        _receiver = receiver;
        return true;
    }

    internal virtual void Detach()
    {
        _receiver = null;
        Volatile.Write(ref _attached, 0);
    }

    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        if (IsConnected)
        {
            return;
        }

        _assembler = new PacketAssembler(Options, TimeProvider);
        IsConnected = true;
        try
        {
            await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            IsConnected = false;
            throw;
        }
    }

    internal async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!IsConnected)
        {
            return;
        }

        IsConnected = false;
        _assembler?.Clear();
        await DisconnectAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends an encoded packet as it is: for a transport that wraps this one.</summary>
    internal ValueTask SendPacketToNetworkAsync(string to, ReadOnlyMemory<byte> packet, CancellationToken cancellationToken) =>
        IsConnected ? SendPacketAsync(to, packet, cancellationToken) : ValueTask.CompletedTask;

    /// <summary>Hands a message a wrapped transport reassembled to this transport's synclet.</summary>
    private protected void Forward(string from, ReadOnlyMemory<byte> payload)
    {
        if (IsConnected && _receiver is { } receiver)
        {
            Statistics.CountMessageReceived();
            receiver.Receive(this, from, payload);
        }
    }

    /// <summary>Passes on what a wrapped transport found: a peer that speaks the other format.</summary>
    private protected void ForwardOtherFormat(string from, WireFormat theirs)
    {
        if (IsConnected && _receiver is { } receiver)
        {
            receiver.PeerSpeaksOtherFormat(this, from, theirs);
        }
    }

    internal Message DecodeMessage(ReadOnlySpan<byte> payload) => Codec.DecodeMessage(payload, Options.MaxMessageBytes);

    internal async Task SendMessageAsync(Message message, string to, CancellationToken cancellationToken)
    {
        if (!IsConnected)
        {
            return;
        }

        var packets = Codec.EncodePackets(to, Codec.NewPacketMessageId(), message, Options.FragmentSize);
        for (var i = 0; i < packets.Count; i++)
        {
            Statistics.CountSent(packets[i].Length);
            await SendPacketAsync(to, packets[i], cancellationToken).ConfigureAwait(false);
        }

        Statistics.CountMessageSent();
    }
}
