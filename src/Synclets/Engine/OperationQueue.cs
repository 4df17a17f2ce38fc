using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Synclets.Engine;

/// <summary>
/// Runs a synclet's operations one at a time, in arrival order, on a single consumer loop, so the
/// engine needs no locks while callers on any thread simply await their turn.
/// </summary>
internal sealed class OperationQueue : IAsyncDisposable
{
    private readonly Channel<Func<Task>> _channel =
        Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });

    private readonly ILogger _logger;
    private readonly string _owner;
    private readonly Task _loop;

    public OperationQueue(string owner, ILogger logger)
    {
        _owner = owner;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues <paramref name="operation"/> and completes with its result once it has run.</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var posted = _channel.Writer.TryWrite(async () =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                completion.TrySetCanceled(cancellationToken);
                return;
            }

            try
            {
                completion.TrySetResult(await operation().ConfigureAwait(false));
            }
            catch (OperationCanceledException canceled)
            {
                completion.TrySetCanceled(canceled.CancellationToken);
            }
            catch (Exception exception)
            {
                completion.TrySetException(exception);
            }
        });

        return posted ? completion.Task : Task.FromException<T>(new ObjectDisposedException(_owner, "The synclet has been disposed."));
    }

    /// <summary>Queues <paramref name="operation"/> and completes once it has run.</summary>
    public Task RunAsync(Func<Task> operation, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            await operation().ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Queues work nobody awaits (received messages); false once the queue is closed.</summary>
    public bool Post(Func<Task> operation) => _channel.Writer.TryWrite(operation);

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        await foreach (var operation in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await operation().ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // Awaited operations report their own failures; this catches posted work only.
                _logger.LogError(exception, "[{SyncletId}] an operation failed", _owner);
            }
        }
    }
}
