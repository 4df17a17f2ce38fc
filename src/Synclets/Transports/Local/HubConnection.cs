using System.Threading.Channels;

namespace Synclets.Transports.Local;

/// <summary>
/// The hub's side of one other process: what it sends is read and routed by the hub; what is
/// routed to it waits in a queue bounded in bytes, written by a loop of its own, so a process that
/// reads slowly holds up no one and is disconnected once it falls too far behind.
/// </summary>
internal sealed class HubConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly long _maxBacklogBytes;
    private readonly Channel<byte[]> _queue = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closed = new();
    private long _backlogBytes;

    public HubConnection(string id, Stream stream, long maxBacklogBytes)
    {
        Id = id;
        _stream = stream;
        _maxBacklogBytes = maxBacklogBytes;
    }

    /// <summary>The id the hub gave this process: its peers see its packets as from this id.</summary>
    public string Id { get; }

    /// <summary>The connection's stream, for the hub's reading loop.</summary>
    public Stream Stream => _stream;

    /// <summary>Cancelled when the connection is closed, by either side.</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>Queues a packet; false (and the connection closed) when the process is too far behind.</summary>
    public bool Enqueue(byte[] packet)
    {
        if (Interlocked.Add(ref _backlogBytes, packet.Length) > _maxBacklogBytes)
        {
            Close();
            return false;
        }

        return _queue.Writer.TryWrite(packet);
    }

    /// <summary>Writes queued packets until the connection closes.</summary>
    public async Task WriteAsync()
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(Closed).ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out var packet))
                {
                    Interlocked.Add(ref _backlogBytes, -packet.Length);
                    await LocalFrames.WriteAsync(_stream, packet, Closed).ConfigureAwait(false);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Closed, or the process went away: the reading loop sees it too and removes the connection.
        }
        finally
        {
            Close();
        }
    }

    /// <summary>Ends the connection: the queue is dropped and both loops stop.</summary>
    public void Close()
    {
        _queue.Writer.TryComplete();
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Close();
        await _stream.DisposeAsync().ConfigureAwait(false);
        _closed.Dispose();
    }
}
