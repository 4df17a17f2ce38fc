using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Synclets.Wire;

namespace Synclets.Transports.Local;

/// <summary>
/// The hub of a channel, run by the process holding the channel's lock: it accepts the other
/// processes and relays their packets like a broker (the leading addressee replaced by the
/// sender's id), and it is a peer itself, handing its own synclet what is meant for it.
/// </summary>
internal sealed class LocalHub : IAsyncDisposable
{
    private static readonly TimeSpan GreetingTimeout = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, HubConnection> _peers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _serving = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly LocalListener _listener;
    private readonly ChannelLock _lock;
    private readonly LocalTransportOptions _options;
    private readonly string _ownId;
    private readonly Action<byte[]> _deliver;
    private readonly Action<string, string?> _drop;
    private readonly ILogger _logger;
    private readonly WireCodec _codec;
    private readonly WireCodec _otherCodec;
    private int _connections;

    /// <param name="listener">Where other processes connect.</param>
    /// <param name="channelLock">The lock that makes this process the hub; released last on dispose.</param>
    /// <param name="options">Limits.</param>
    /// <param name="ownId">The id of this process' synclet: its packets go out from it, and packets to it are delivered.</param>
    /// <param name="deliver">Hands a packet (its sender's id already in place) to this process' synclet.</param>
    /// <param name="drop">Counts and logs a packet or connection thrown away: a fixed reason, and the peer when known.</param>
    /// <param name="logger">For joins and leaves.</param>
    public LocalHub(LocalListener listener, ChannelLock channelLock, LocalTransportOptions options, string ownId,
        Action<byte[]> deliver, Action<string, string?> drop, ILogger logger)
    {
        _listener = listener;
        _lock = channelLock;
        _options = options;
        _ownId = ownId;
        _deliver = deliver;
        _drop = drop;
        _logger = logger;
        _codec = WireCodec.For(options.WireFormat);
        _otherCodec = WireCodec.For(options.WireFormat == WireFormat.Json ? WireFormat.MessagePack : WireFormat.Json);
    }

    /// <summary>Ends when the hub stops listening: when disposed, or if the listener fails.</summary>
    public Task Listening { get; private set; } = Task.CompletedTask;

    /// <summary>Starts accepting processes; called once the hub is in place to send this process' answers.</summary>
    public void Start() => Listening = Task.Run(AcceptAsync);

    /// <summary>Whether <paramref name="peerId"/> is connected to this hub.</summary>
    public bool HasPeer(string peerId) => _peers.ContainsKey(peerId);

    /// <summary>Sends a packet of this process' synclet to <paramref name="to"/> (<c>*</c> = every other process).</summary>
    public void Send(string to, ReadOnlySpan<byte> packet)
    {
        var stamped = _codec.WithPeer(packet, _ownId);
        if (to == "*")
        {
            foreach (var peer in _peers.Values)
            {
                Enqueue(peer, stamped);
            }
        }
        else if (_peers.TryGetValue(to, out var peer))
        {
            Enqueue(peer, stamped);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        foreach (var peer in _peers.Values)
        {
            peer.Close();
        }

        await Listening.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.WhenAll(_serving.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        // Last: until now no other process may become hub and bind the socket this one removes.
        _lock.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Stream stream;
            try
            {
                stream = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }

            // Counted from the moment of acceptance, so connections still greeting count against the limit too.
            if (Interlocked.Increment(ref _connections) > _options.MaxPeers)
            {
                Interlocked.Decrement(ref _connections);
                await stream.DisposeAsync().ConfigureAwait(false);
                _drop("a process turned away: the hub serves as many as MaxPeers allows", null);
                continue;
            }

            var serving = ServeAsync(stream);
            _serving.TryAdd(serving, 0);
            _ = serving.ContinueWith(done => _serving.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    /// <summary>Greets one process, then routes what it sends until it leaves.</summary>
    private async Task ServeAsync(Stream stream)
    {
        await Task.Yield();
        var peer = new HubConnection(WireCodec.NewMessageId(), stream, _options.MaxBacklogBytes);
        await using (peer.ConfigureAwait(false))
        {
            using var counted = new Counted(this);
            if (!await GreetAsync(peer).ConfigureAwait(false))
            {
                _drop("a connection that did not greet as a synclet channel", null);
                return;
            }

            _peers[peer.Id] = peer;
            _logger.LogDebug("[{SyncletId}] {Peer} joined the channel's hub", _ownId, peer.Id);
            var writing = peer.WriteAsync();
            try
            {
                await ReadAsync(peer).ConfigureAwait(false);
            }
            finally
            {
                _peers.TryRemove(peer.Id, out _);
                peer.Close();
                await writing.ConfigureAwait(false);
                _logger.LogDebug("[{SyncletId}] {Peer} left the channel's hub", _ownId, peer.Id);
            }
        }
    }

    private async Task<bool> GreetAsync(HubConnection peer)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(GreetingTimeout);
        try
        {
            await LocalFrames.GreetAsync(peer.Stream, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private async Task ReadAsync(HubConnection peer)
    {
        try
        {
            while (await LocalFrames.ReadAsync(peer.Stream, _options.MaxFrameBytes, peer.Closed).ConfigureAwait(false) is { } packet)
            {
                Route(peer, packet);
            }
        }
        catch (InvalidDataException)
        {
            _drop("a connection that broke the framing (a frame over MaxFrameBytes, or cut short) was closed", peer.Id);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The process left, or was disconnected.
        }
    }

    /// <summary>Passes a packet on with its sender's id in place of its addressee; it stays in the sender's format.</summary>
    private void Route(HubConnection from, byte[] packet)
    {
        var codec = _codec.TryParsePacket(packet, out var parsed) ? _codec
            : _otherCodec.TryParsePacket(packet, out parsed) ? _otherCodec
            : null;
        if (codec is null)
        {
            _drop("a malformed packet", from.Id);
            return;
        }

        var stamped = codec.WithPeer(packet, from.Id);
        var to = parsed.Peer;
        if (to == "*")
        {
            _deliver(stamped);
            foreach (var peer in _peers.Values)
            {
                if (peer != from)
                {
                    Enqueue(peer, stamped);
                }
            }
        }
        else if (to == _ownId)
        {
            _deliver(stamped);
        }
        else if (_peers.TryGetValue(to, out var peer) && peer != from)
        {
            Enqueue(peer, stamped);
        }
    }

    /// <summary>Gives back a connection's place under <see cref="LocalTransportOptions.MaxPeers"/> when it ends.</summary>
    private readonly struct Counted(LocalHub hub) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref hub._connections);
    }

    private void Enqueue(HubConnection peer, byte[] packet)
    {
        if (!peer.Enqueue(packet))
        {
            _drop("a process that fell MaxBacklogBytes behind was disconnected", peer.Id);
        }
    }
}
