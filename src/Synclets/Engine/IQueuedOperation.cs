namespace Synclets.Engine;

/// <summary>Work waiting on an <see cref="OperationQueue"/>: run once, in its turn.</summary>
internal interface IQueuedOperation
{
    /// <summary>Runs the work; a failure is logged by the queue unless the work reports it itself.</summary>
    Task RunAsync();
}
