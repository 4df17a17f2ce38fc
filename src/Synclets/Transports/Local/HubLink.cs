namespace Synclets.Transports.Local;

/// <summary>A member's connection to the hub of its channel.</summary>
internal sealed class HubLink(Stream stream, LocalTransportOptions options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _lost = new();

    /// <summary>Sends one packet; a hub that does not take it in time is dropped (the rejoin's sync repairs the loss).</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lost.Token);
        limit.CancelAfter(options.SendTimeout);
        try
        {
            await _sendLock.WaitAsync(limit.Token).ConfigureAwait(false);
            try
            {
                await LocalFrames.WriteAsync(stream, packet, limit.Token).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
            && exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            Lose();
        }
    }

    /// <summary>Hands every packet from the hub to <paramref name="receive"/> until the connection is lost or <paramref name="stop"/> fires.</summary>
    /// <returns>Whether the connection ended because the hub broke the framing.</returns>
    public async Task<bool> ReceiveAsync(Action<byte[]> receive, CancellationToken stop)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stop, _lost.Token);
        try
        {
            while (await LocalFrames.ReadAsync(stream, options.MaxFrameBytes, either.Token).ConfigureAwait(false) is { } packet)
            {
                receive(packet);
            }

            return false;
        }
        catch (InvalidDataException)
        {
            return true;
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Lose();
        await stream.DisposeAsync().ConfigureAwait(false);

        // The lock and the token are left to the collector: a send racing this dispose may still hold them.
    }

    private void Lose()
    {
        _lost.Cancel();
    }
}
