using Synclets.Connectors;
using Synclets.Connectors.Memory;

namespace Synclets.Tests.Support;

/// <summary>A memory meta connector that counts how often hashes are read and written.</summary>
internal sealed class CountingMetaConnector(int depth) : MetaConnector(depth)
{
    private readonly MemoryMetaConnector _inner = new(depth);
    private int _hashReads;
    private int _hashWrites;

    public int HashReads => Volatile.Read(ref _hashReads);

    public int HashWrites => Volatile.Read(ref _hashWrites);

    public void ResetCounts()
    {
        Volatile.Write(ref _hashReads, 0);
        Volatile.Write(ref _hashWrites, 0);
    }

    public override ValueTask<uint> ReadHashAsync(Address parentAddress, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _hashReads);
        return _inner.ReadHashAsync(parentAddress, cancellationToken);
    }

    public override ValueTask WriteHashAsync(Address parentAddress, uint hash, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _hashWrites);
        return _inner.WriteHashAsync(parentAddress, hash, cancellationToken);
    }

    public override ValueTask<string> ReadTimestampAsync(Address address, CancellationToken cancellationToken = default) =>
        _inner.ReadTimestampAsync(address, cancellationToken);

    public override ValueTask WriteTimestampAsync(Address address, string timestamp, CancellationToken cancellationToken = default) =>
        _inner.WriteTimestampAsync(address, timestamp, cancellationToken);

    public override ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(Address parentAddress, CancellationToken cancellationToken = default) =>
        _inner.ReadChildIdsAsync(parentAddress, cancellationToken);

    public override ValueTask<IReadOnlyDictionary<string, string>> ReadTimestampsAsync(Address leafParentAddress, CancellationToken cancellationToken = default) =>
        _inner.ReadTimestampsAsync(leafParentAddress, cancellationToken);

    public override Task<MetaTree> GetMetaAsync(CancellationToken cancellationToken = default) => _inner.GetMetaAsync(cancellationToken);

    public override Task BeginBatchAsync(CancellationToken cancellationToken = default) => _inner.BeginBatchAsync(cancellationToken);

    public override Task CommitBatchAsync(CancellationToken cancellationToken = default) => _inner.CommitBatchAsync(cancellationToken);

    public override Task RollbackBatchAsync(CancellationToken cancellationToken = default) => _inner.RollbackBatchAsync(cancellationToken);
}
