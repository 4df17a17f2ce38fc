namespace Synclets.Tests.Support;

/// <summary>A memory meta connector that counts how often hashes are read and written, and child ids listed.</summary>
internal sealed class CountingMetaConnector(int depth) : DelegatingMetaConnector(depth)
{
    private int _hashReads;
    private int _hashWrites;
    private int _childIdReads;

    public int HashReads => Volatile.Read(ref _hashReads);

    public int HashWrites => Volatile.Read(ref _hashWrites);

    public int ChildIdReads => Volatile.Read(ref _childIdReads);

    public void ResetCounts()
    {
        Volatile.Write(ref _hashReads, 0);
        Volatile.Write(ref _hashWrites, 0);
        Volatile.Write(ref _childIdReads, 0);
    }

    public override ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(Address parentAddress, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _childIdReads);
        return base.ReadChildIdsAsync(parentAddress, cancellationToken);
    }

    public override ValueTask<uint> ReadHashAsync(Address parentAddress, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _hashReads);
        return base.ReadHashAsync(parentAddress, cancellationToken);
    }

    public override ValueTask WriteHashAsync(Address parentAddress, uint hash, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _hashWrites);
        return base.WriteHashAsync(parentAddress, hash, cancellationToken);
    }
}
