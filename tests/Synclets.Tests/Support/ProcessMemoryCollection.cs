namespace Synclets.Tests.Support;

/// <summary>
/// Tests that weigh the process's managed heap (<c>GC.GetTotalMemory</c>) to bound what bad input
/// can make a synclet keep. The heap is the whole process's, so they run alone: another test
/// allocating meanwhile would count as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMemoryCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Process memory";
}
