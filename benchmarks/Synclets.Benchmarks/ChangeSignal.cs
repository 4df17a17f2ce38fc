using System.Threading.Tasks.Sources;

namespace Synclets.Benchmarks;

/// <summary>
/// Completes a reusable awaitable each time a synclet stores a remote change: the incremental
/// benchmark waits on it once per write without allocating, so MemoryDiagnoser counts the engine's
/// allocations rather than the harness's (a task, a closure and a handler per write).
/// </summary>
internal sealed class ChangeSignal : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };

    public ChangeSignal(Synclet synclet) => synclet.AtomChanged += (_, change) =>
    {
        if (change.Origin == ChangeOrigin.Remote)
        {
            _core.SetResult(true);
        }
    };

    /// <summary>Completes at the next remote change; call it before the write that causes the change.</summary>
    public ValueTask NextAsync()
    {
        _core.Reset();
        return new ValueTask(this, _core.Version);
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
