namespace Synclets.Typed;

/// <summary>A generated typed synclet (a schema's, or a table's): the untyped synclet it wraps.</summary>
public interface ITypedSynclet : IAsyncDisposable
{
    /// <summary>The untyped synclet underneath.</summary>
    Synclet Synclet { get; }
}
