using Microsoft.Extensions.Logging;
using Synclets.Wire;

namespace Synclets.Transports.Faults;

/// <summary>
/// A transport that passes its packets through another one, injecting the faults of its
/// <see cref="FaultyNetwork"/>: dropped, duplicated, reordered and delayed packets, and partitions
/// between groups of peers. For tests of code that must survive a bad network; the wrapped transport
/// does the real work and must use the same wire format.
/// </summary>
/// <remarks>
/// <see cref="Transport.Statistics"/> of the wrapper count what its synclet sent, before any fault,
/// and the messages that reached it; the wrapped transport counts the packets that arrived. What the
/// faults did is in <see cref="FaultyNetwork.Statistics"/>.
/// </remarks>
public sealed class FaultyTransport : Transport, ITransportReceiver
{
    private readonly Lock _lock = new();
    private readonly List<(string To, byte[] Packet)> _held = [];
    private readonly Random _random;

    // Incremented on every connect and disconnect: a packet delayed in one connection never
    // arrives in the next one.
    private int _connection;

    /// <summary>
    /// Wraps <paramref name="inner"/>, which must not be attached to a synclet itself: the wrapper
    /// claims it along with itself, releases it with itself, and disposes it with itself.
    /// </summary>
    public FaultyTransport(Transport inner, FaultyNetwork network) : base(inner?.Options)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(network);
        Inner = inner;
        Network = network;
        _random = network.NewRandom();
    }

    /// <summary>The transport that carries the packets that get through.</summary>
    public Transport Inner { get; }

    /// <summary>The faults this transport injects.</summary>
    public FaultyNetwork Network { get; }

    /// <inheritdoc />
    protected override Task ConnectAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _connection);
        return Inner.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override Task DisconnectAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _connection);
        lock (_lock)
        {
            _held.Clear();
        }

        return Inner.StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async ValueTask SendPacketAsync(string to, ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        if (!Network.CanReach(SyncletId, to))
        {
            Network.Statistics.CountCutOff();
            return;
        }

        var settings = Network.Settings;
        if (settings.IsNone)
        {
            await PassOnAsync(to, packet, copies: 1, cancellationToken).ConfigureAwait(false);
            return;
        }

        double drop, duplicate, reorder, delay, wait;
        lock (_lock)
        {
            (drop, duplicate, reorder, delay, wait) = (_random.NextDouble(), _random.NextDouble(), _random.NextDouble(), _random.NextDouble(), _random.NextDouble());
        }

        if (drop < settings.DropRate)
        {
            Network.Statistics.CountDropped();
            Logger.LogDebug("[{SyncletId}] fault: dropped a packet to {Peer}", SyncletId, to);
            return;
        }

        var copies = duplicate < settings.DuplicateRate ? 2 : 1;
        if (copies == 2)
        {
            Network.Statistics.CountDuplicated();
        }

        if (reorder < settings.ReorderRate)
        {
            // Held until the next packet has gone, or until the longest delay if none follows.
            Network.Statistics.CountReordered();
            var held = (to, packet.ToArray());
            lock (_lock)
            {
                for (var i = 0; i < copies; i++)
                {
                    _held.Add(held);
                }
            }

            _ = SendLaterAsync(settings.MaxDelay, held.to, null, Volatile.Read(ref _connection));
            return;
        }

        if (delay < settings.DelayRate)
        {
            Network.Statistics.CountDelayed();
            var late = packet.ToArray();
            for (var i = 0; i < copies; i++)
            {
                _ = SendLaterAsync(settings.MaxDelay * wait, to, late, Volatile.Read(ref _connection));
            }

            return;
        }

        await PassOnAsync(to, packet, copies, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Claims the wrapped transport with this one, so a part already used elsewhere fails the synclet's creation.</summary>
    internal override bool TryAttach(string syncletId, ILogger logger, TimeProvider timeProvider, ITransportReceiver receiver)
    {
        if (!Inner.TryAttach(syncletId, logger, timeProvider, this))
        {
            return false;
        }

        if (!base.TryAttach(syncletId, logger, timeProvider, receiver))
        {
            Inner.Detach();
            return false;
        }

        return true;
    }

    internal override void Detach()
    {
        base.Detach();
        Inner.Detach();
    }

    void ITransportReceiver.Receive(Transport transport, string from, ReadOnlyMemory<byte> payload)
    {
        if (!Network.CanReach(from, SyncletId))
        {
            Network.Statistics.CountCutOff();
            return;
        }

        Forward(from, payload);
    }

    void ITransportReceiver.Reconnected(Transport transport) => NotifyReconnected();

    void ITransportReceiver.PeerSpeaksOtherFormat(Transport transport, string from, WireFormat theirs) => ForwardOtherFormat(from, theirs);

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await Inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a delayed packet, or (with none given) whatever is still held, after <paramref name="wait"/>,
    /// unless the connection it was sent on has ended since.
    /// </summary>
    private async Task SendLaterAsync(TimeSpan wait, string to, byte[]? packet, int connection)
    {
        try
        {
            await Task.Delay(wait, Network.TimeProvider).ConfigureAwait(false);
            if (!IsConnected || connection != Volatile.Read(ref _connection))
            {
                return;
            }

            if (packet is null)
            {
                await ReleaseHeldAsync(CancellationToken.None).ConfigureAwait(false);
            }
            else if (Network.CanReach(SyncletId, to))
            {
                await Inner.SendPacketToNetworkAsync(to, packet, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            // A late packet that cannot go is one more lost packet, which is what this transport simulates anyway.
            Logger.LogDebug(exception, "[{SyncletId}] fault: a late packet to {Peer} could not be sent", SyncletId, to);
        }
    }

    /// <summary>Sends a packet now (twice when duplicated), then whatever was held back behind it.</summary>
    private async ValueTask PassOnAsync(string to, ReadOnlyMemory<byte> packet, int copies, CancellationToken cancellationToken)
    {
        for (var i = 0; i < copies; i++)
        {
            await Inner.SendPacketToNetworkAsync(to, packet, cancellationToken).ConfigureAwait(false);
        }

        await ReleaseHeldAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask ReleaseHeldAsync(CancellationToken cancellationToken)
    {
        (string To, byte[] Packet)[] released;
        lock (_lock)
        {
            if (_held.Count == 0)
            {
                return;
            }

            released = [.. _held];
            _held.Clear();
        }

        foreach (var (to, packet) in released)
        {
            await Inner.SendPacketToNetworkAsync(to, packet, cancellationToken).ConfigureAwait(false);
        }
    }
}
