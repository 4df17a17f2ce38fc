using Synclets.Connectors;
using Synclets.Connectors.Memory;

namespace Synclets.Tests.Support;

/// <summary>A memory meta connector to wrap: tests override the members they count or break.</summary>
internal class DelegatingMetaConnector(int depth) : MetaConnector(depth)
{
    private readonly MemoryMetaConnector _inner = new(depth);

    public override ValueTask<string> ReadTimestampAsync(Address address, CancellationToken cancellationToken = default) =>
        _inner.ReadTimestampAsync(address, cancellationToken);

    public override ValueTask WriteTimestampAsync(Address address, string timestamp, CancellationToken cancellationToken = default) =>
        _inner.WriteTimestampAsync(address, timestamp, cancellationToken);

    public override ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(Address parentAddress, CancellationToken cancellationToken = default) =>
        _inner.ReadChildIdsAsync(parentAddress, cancellationToken);

    public override ValueTask<uint> ReadHashAsync(Address parentAddress, CancellationToken cancellationToken = default) =>
        _inner.ReadHashAsync(parentAddress, cancellationToken);

    public override ValueTask WriteHashAsync(Address parentAddress, uint hash, CancellationToken cancellationToken = default) =>
        _inner.WriteHashAsync(parentAddress, hash, cancellationToken);

    public override ValueTask<IReadOnlyDictionary<string, string>> ReadTimestampsAsync(Address leafParentAddress, CancellationToken cancellationToken = default) =>
        _inner.ReadTimestampsAsync(leafParentAddress, cancellationToken);

    public override Task<MetaTree> GetMetaAsync(CancellationToken cancellationToken = default) => _inner.GetMetaAsync(cancellationToken);

    public override Task BeginBatchAsync(CancellationToken cancellationToken = default) => _inner.BeginBatchAsync(cancellationToken);

    public override Task CommitBatchAsync(CancellationToken cancellationToken = default) => _inner.CommitBatchAsync(cancellationToken);

    public override Task RollbackBatchAsync(CancellationToken cancellationToken = default) => _inner.RollbackBatchAsync(cancellationToken);
}
