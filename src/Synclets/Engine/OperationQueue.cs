using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Synclets.Engine;

/// <summary>
/// Runs a synclet's operations one at a time, in arrival order, on a single consumer loop, so the
/// engine needs no locks while callers on any thread simply await their turn.
/// </summary>
/// <remarks>
/// Each queued operation is one object that is also what the caller awaits, and the frequent
/// callers pass their arguments as state instead of capturing them: a one-atom write goes through
/// here twice (on the writer and on each receiver), so every closure would be paid twice per atom.
/// </remarks>
internal sealed class OperationQueue : IAsyncDisposable
{
    private readonly Channel<IQueuedOperation> _channel =
        Channel.CreateUnbounded<IQueuedOperation>(new UnboundedChannelOptions { SingleReader = true });

    private readonly ILogger _logger;
    private readonly string _owner;
    private readonly Task _loop;

    public OperationQueue(string owner, ILogger logger)
    {
        _owner = owner;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues <paramref name="operation"/>, run with <paramref name="state"/>, and completes with its result once it has run.</summary>
    public Task<T> RunAsync<TState, T>(Func<TState, Task<T>> operation, TState state, CancellationToken cancellationToken)
    {
        var pending = new PendingOperation<TState, T>(operation, state, cancellationToken);
        return _channel.Writer.TryWrite(pending)
            ? pending.Task
            : Task.FromException<T>(new ObjectDisposedException(_owner, "The synclet has been disposed."));
    }

    /// <summary>Queues <paramref name="operation"/>, run with <paramref name="state"/>, and completes once it has run.</summary>
    public Task RunAsync<TState>(Func<TState, Task> operation, TState state, CancellationToken cancellationToken) =>
        RunAsync(
            static async call =>
            {
                await call.Operation(call.State).ConfigureAwait(false);
                return true;
            },
            (Operation: operation, State: state),
            cancellationToken);

    /// <summary>Queues <paramref name="operation"/> and completes with its result once it has run.</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken) =>
        RunAsync(static operation => operation(), operation, cancellationToken);

    /// <summary>Queues <paramref name="operation"/> and completes once it has run.</summary>
    public Task RunAsync(Func<Task> operation, CancellationToken cancellationToken) =>
        RunAsync(static operation => operation(), operation, cancellationToken);

    /// <summary>Queues work nobody awaits (received messages); false once the queue is closed.</summary>
    public bool Post(IQueuedOperation operation) => _channel.Writer.TryWrite(operation);

    /// <summary>Queues work nobody awaits; false once the queue is closed. Its failure is logged.</summary>
    public bool Post(Func<Task> operation) => Post(new PostedOperation(operation));

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
                await operation.RunAsync().ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // Awaited operations report their own failures; this catches posted work only.
                _logger.LogError(exception, "[{SyncletId}] an operation failed", _owner);
            }
        }
    }

    /// <summary>An operation waiting its turn, and the task its caller awaits, in one object.</summary>
    private sealed class PendingOperation<TState, T>(Func<TState, Task<T>> operation, TState state, CancellationToken cancellationToken)
        : TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously), IQueuedOperation
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
                TrySetResult(await operation(state).ConfigureAwait(false));
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

    private sealed class PostedOperation(Func<Task> operation) : IQueuedOperation
    {
        public Task RunAsync() => operation();
    }
}
