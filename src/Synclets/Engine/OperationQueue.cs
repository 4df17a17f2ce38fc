using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Synclets.Engine;

/// <summary>
/// Runs a synclet's operations one at a time on a single consumer loop, so the engine needs no locks
/// while callers on any thread simply await their turn. Two lanes: local work (API calls, timers)
/// always goes first, in arrival order; received messages wait in a <see cref="ReceivedLane"/>,
/// bounded and fair between senders, so a flood of messages never holds up the synclet's own writes.
/// </summary>
/// <remarks>
/// Each queued operation is one object that is also what the caller awaits, and the frequent
/// callers pass their arguments as state instead of capturing them: a one-atom write goes through
/// here twice (on the writer and on each receiver), so every closure would be paid twice per atom.
/// </remarks>
internal sealed class OperationQueue : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Queue<IQueuedOperation> _local = new();
    private readonly ReceivedLane _received;
    private readonly List<(long Target, TaskCompletionSource Done)> _barriers = [];

    // One signal per queued operation (and some for received ones later dropped): the loop waits on
    // it without allocating, as a single reader of a channel does, where a semaphore would allocate per wait.
    private readonly Channel<bool> _ready = Channel.CreateUnbounded<bool>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogger _logger;
    private readonly string _owner;
    private readonly Task _loop;

    // Received messages ever admitted, and those since run or dropped: a barrier waits for the latter to catch up.
    private long _admitted;
    private long _settled;
    private int _localWaiting;
    private TaskCompletionSource? _localArrived;
    private bool _closed;

    public OperationQueue(string owner, ILogger logger, int maxReceivedMessages = int.MaxValue, long maxReceivedBytes = long.MaxValue)
    {
        _owner = owner;
        _logger = logger;
        _received = new ReceivedLane(maxReceivedMessages, maxReceivedBytes);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues <paramref name="operation"/>, run with <paramref name="state"/>, and completes with its result once it has run.</summary>
    public Task<T> RunAsync<TState, T>(Func<TState, Task<T>> operation, TState state, CancellationToken cancellationToken)
    {
        var pending = new PendingOperation<TState, T>(operation, state, cancellationToken);
        return Post(pending)
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

    /// <summary>Queues local work nobody awaits (a timer's); false once the queue is closed.</summary>
    public bool Post(IQueuedOperation operation)
    {
        TaskCompletionSource? arrived;
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _local.Enqueue(operation);
            Volatile.Write(ref _localWaiting, _local.Count);
            arrived = _localArrived;
            _localArrived = null;
        }

        arrived?.TrySetResult();
        _ready.Writer.TryWrite(true);
        return true;
    }

    /// <summary>
    /// Waits for <paramref name="work"/>, which runs off the queue and touches none of the synclet's
    /// state (decoding a large received message), running the local work that arrives meanwhile.
    /// Called from the operation running.
    /// </summary>
    public async Task<T> ServeLocalWhileAsync<T>(Task<T> work)
    {
        while (!work.IsCompleted)
        {
            Task arrival;
            lock (_gate)
            {
                arrival = _local.Count > 0
                    ? Task.CompletedTask
                    : (_localArrived ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            await Task.WhenAny(work, arrival).ConfigureAwait(false);
            await RunWaitingLocalAsync().ConfigureAwait(false);
        }

        return await work.ConfigureAwait(false);
    }

    /// <summary>Whether local work waits: a long received message checks it between its parts, without a lock.</summary>
    public bool HasLocalWaiting => Volatile.Read(ref _localWaiting) > 0;

    /// <summary>
    /// Runs the local work waiting now, from inside the operation running (a received message at a
    /// point where it may pause). Their signals stay behind and find nothing to run.
    /// </summary>
    public async Task RunWaitingLocalAsync()
    {
        while (TakeLocal() is { } operation)
        {
            try
            {
                await operation.RunAsync().ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                _logger.LogError(exception, "[{SyncletId}] an operation failed", _owner);
            }
        }
    }

    private IQueuedOperation? TakeLocal()
    {
        lock (_gate)
        {
            var taken = _local.TryDequeue(out var operation);
            Volatile.Write(ref _localWaiting, _local.Count);
            return taken ? operation : null;
        }
    }

    /// <summary>Queues local work nobody awaits; false once the queue is closed. Its failure is logged.</summary>
    public bool Post(Func<Task> operation) => Post(new PostedOperation(operation));

    /// <summary>
    /// Queues a received message behind <paramref name="sender"/>'s earlier ones (a sender is a peer
    /// behind a transport), unless the same bytes from the same sender are waiting already.
    /// </summary>
    /// <returns>What became of it; nothing is queued once the queue is closed.</returns>
    public Admission PostReceived((object Channel, string Peer) sender, IQueuedOperation operation, ReadOnlyMemory<byte> payload)
    {
        Admission admission;
        lock (_gate)
        {
            if (_closed)
            {
                return default;
            }

            var before = _received.Count;
            admission = _received.Add(sender, operation, payload);
            if (admission.Repeated)
            {
                return admission;
            }

            _admitted++;
            Settle(admission.Dropped);
            if (_received.Count <= before)
            {
                return admission; // nothing new to run: the count is unchanged or smaller
            }
        }

        _ready.Writer.TryWrite(true);
        return admission;
    }

    /// <summary>Completes once every received message queued before the call has been run or dropped.</summary>
    public Task WhenReceivedSettledAsync()
    {
        lock (_gate)
        {
            if (_settled >= _admitted || _closed)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _barriers.Add((_admitted, done));
            return done.Task;
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _closed = true;
        }

        _ready.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        lock (_gate)
        {
            Settle(long.MaxValue / 2);
        }
    }

    /// <summary>Counts received messages run or dropped, releasing the barriers they complete. Callers hold the gate.</summary>
    private void Settle(long count)
    {
        _settled += count;
        for (var i = _barriers.Count - 1; i >= 0; i--)
        {
            if (_barriers[i].Target <= _settled)
            {
                _barriers[i].Done.TrySetResult();
                _barriers.RemoveAt(i);
            }
        }
    }

    /// <summary>The next operation, local ones first (and whether it was received); null when none waits.</summary>
    private (IQueuedOperation Operation, bool IsReceived)? Next()
    {
        lock (_gate)
        {
            if (_local.TryDequeue(out var local))
            {
                Volatile.Write(ref _localWaiting, _local.Count);
                return (local, false);
            }

            return _received.Take() is { } received ? (received, true) : null;
        }
    }

    /// <summary>
    /// The consumer loop: each signal lets it take one operation. A signal may find nothing (a
    /// received message dropped to make room, or local work already run inline); once the queue is
    /// closed and every signal read, what is left is drained. One long-lived method with everything
    /// inline, so waiting and running allocate nothing per operation.
    /// </summary>
    private async Task RunAsync()
    {
        while (true)
        {
            if (!_ready.Reader.TryRead(out _) && await _ready.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                continue;
            }

            if (Next() is not var (operation, isReceived))
            {
                if (_ready.Reader.Completion.IsCompleted)
                {
                    return;
                }

                continue;
            }

            try
            {
                await operation.RunAsync().ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // Awaited operations report their own failures; this catches posted work only.
                _logger.LogError(exception, "[{SyncletId}] an operation failed", _owner);
            }

            if (isReceived)
            {
                lock (_gate)
                {
                    Settle(1);
                }
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
