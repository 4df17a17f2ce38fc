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
    public Task<T> RunAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken) =>
        Enqueue(new PendingOperation<T>(operation, null, cancellationToken));

    /// <summary>Queues <paramref name="operation"/> and completes once it has run.</summary>
    public Task RunAsync(Func<Task> operation, CancellationToken cancellationToken) =>
        Enqueue(new PendingOperation<bool>(null, operation, cancellationToken));

    private Task<T> Enqueue<T>(PendingOperation<T> pending) =>
        _channel.Writer.TryWrite(pending.RunAsync)
            ? pending.Task
            : Task.FromException<T>(new ObjectDisposedException(_owner, "The synclet has been disposed."));

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

    /// <summary>An operation waiting its turn, and the task its caller awaits, in one object.</summary>
    private sealed class PendingOperation<T>(Func<Task<T>>? function, Func<Task>? action, CancellationToken cancellationToken)
        : TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public async Task RunAsync()
        {
            if (cancellationToken.IsCancellationRequested)
            {
                TrySetCanceled(cancellationToken);
                return;
            }

            try
            {
                if (function is not null)
                {
                    TrySetResult(await function().ConfigureAwait(false));
                }
                else
                {
                    await action!().ConfigureAwait(false);
                    TrySetResult(default!);
                }
            }
            catch (OperationCanceledException canceled)
            {
                TrySetCanceled(canceled.CancellationToken);
            }
            catch (Exception exception)
            {
                TrySetException(exception);
            }
        }
    }
}
